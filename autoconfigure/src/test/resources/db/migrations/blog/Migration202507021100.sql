-- migrate:up
create table post (id text primary key, author_id text not null references author(id));
-- migrate:down
drop table post;
