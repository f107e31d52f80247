-- A recorded batch's results (the receipt a retry gets back) in one column of its batches row, as a JSON array in
-- index order, instead of one batch_results row per operation: a batch of ten operations wrote ten more rows and
-- ten more entries in batch_results' primary key, on every submit. Batches recorded before this migration keep their
-- rows in batch_results (results NULL); they are read from there, and pruned with them.
ALTER TABLE batches ADD COLUMN results VARCHAR;
