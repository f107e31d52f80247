-- When each order was placed, for ListOrders (newest first by creation time). updated_at is the last status change,
-- so it is the creation time only for orders that never changed: orders stored before this migration take their
-- updated_at, which for an order cancelled since is the time of its cancel.
ALTER TABLE orders ADD COLUMN created_at TIMESTAMP WITH TIME ZONE;
UPDATE orders SET created_at = updated_at;
ALTER TABLE orders ALTER COLUMN created_at SET NOT NULL;

-- A page of a strategy's orders is a range read of this index from its start (newest first, ties broken by order id),
-- with a status filter applied to the rows read; the primary key (strategy_id, order_id) cannot give that order.
-- Descending, because H2 reads an index only forwards (PostgreSQL reads it either way).
CREATE INDEX orders_newest_first ON orders (strategy_id, created_at DESC, order_id DESC);
