-- migrate:up
create table purchase_order (
  id bigint generated always as identity primary key,
  sku text not null references stock (sku),
  quantity integer not null
);
-- migrate:down
drop table purchase_order;
