-- migrate:up
create table stock (sku text primary key, quantity integer not null);
-- migrate:down
drop table stock;
