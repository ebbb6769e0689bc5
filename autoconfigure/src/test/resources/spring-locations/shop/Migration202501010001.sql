-- migrate:up
-- Stück: read as UTF-8
create table shop_item (id int);
-- migrate:down
drop table shop_item;
