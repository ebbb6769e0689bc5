-- migrate:up
create table audit_log (id bigint generated always as identity primary key, entry text not null);
-- migrate:down
drop table audit_log;
