-- migrate:up
create table bin (code text primary key);
-- migrate:down
drop table bin;
