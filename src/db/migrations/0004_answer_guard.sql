-- Raises serialization_failure (40001) with `msg` unless `ok`: lets one statement with
-- data-modifying CTEs (the answer write, practice/answer-store.ts) roll itself back when one
-- of its optimistic-concurrency guards matched no row, so the caller re-reads and retries.
CREATE OR REPLACE FUNCTION satprep_require(ok boolean, msg text) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT ok THEN
    RAISE EXCEPTION USING ERRCODE = '40001', MESSAGE = msg;
  END IF;
  RETURN true;
END
$$;
