-- Two people named as the present holder of one post of one entity: the chief-conflict
-- finding (F001) for claims about the present, as one group-by over the facts that
-- `concord facts --format jsonl` writes. Facts of any number of documents, extracted on any
-- number of machines, can be concatenated into the input: each line carries its entity's
-- corpus id and name. DuckDB:
--
--   concord facts --format jsonl CORPUS > facts.jsonl
--   duckdb -c ".read tests/queries/chief_conflict.sql"
--
-- Simpler than the rule: people are told apart by surname (the rule also takes two
-- romanisations of one surname for one person), and posts several people hold at once
-- (deputies) are left out, as the rule's `shared` parameter does.
SELECT
    entity,
    any_value(entity_name) AS entity_name,
    attribute,
    list(DISTINCT person ORDER BY person) AS holders,
    list(DISTINCT file ORDER BY file) AS files
FROM read_json_auto('facts.jsonl', format = 'newline_delimited')
WHERE kind = 'holder'
  AND current
  AND attribute NOT LIKE 'deputy%'
GROUP BY entity, attribute
HAVING count(DISTINCT surname) > 1
ORDER BY entity, attribute;
