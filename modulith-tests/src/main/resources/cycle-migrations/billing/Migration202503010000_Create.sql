-- migrate:up
create table billing (id int);
-- migrate:down
drop table billing;
