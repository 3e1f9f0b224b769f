-- A claim now reads back what it leased by primary key (and only when another worker took part of its batch), so
-- the index on the lease token only cost two index writes per delivery.
DROP INDEX ix_webhook_delivery_lease ON webhook_delivery;
