  IF TG_OP = 'INSERT' OR NEW.{{source}} IS DISTINCT FROM OLD.{{source}} THEN
    NEW.{{target}} := ({{mapping}})::{{target_type}};
    IF NEW.{{target}} IS NULL AND NEW.{{source}} IS NOT NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'check_violation',
        MESSAGE = format('gb-enums: %s is no %s of enum %s (%s is being converted online)', quote_literal(NEW.{{source}}), {{what}}, {{enum}}, {{column}});
    END IF;
  END IF;
