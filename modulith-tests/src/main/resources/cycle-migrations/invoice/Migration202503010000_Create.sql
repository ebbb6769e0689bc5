-- migrate:up
create table invoice (id int);
-- migrate:down
drop table invoice;
