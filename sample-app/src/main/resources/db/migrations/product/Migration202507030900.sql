-- migrate:up
create table product (id text primary key, title text not null);
insert into product (id, title) values ('mug', 'Mug');
-- migrate:down
drop table product;
