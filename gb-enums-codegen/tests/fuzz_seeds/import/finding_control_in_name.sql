CREATE TABLE "badname" (s text CHECK (s IN ('x', 'y')));
