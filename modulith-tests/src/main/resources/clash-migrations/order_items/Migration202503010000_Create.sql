-- migrate:up
create table order_item (id int);
-- migrate:down
drop table order_item;
