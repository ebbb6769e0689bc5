-- migrate:up
create table post (
    id text primary key,
    title text not null,
    author_id text not null references author (id)
);
insert into post (id, title, author_id) values ('hello', 'Hello, modules', 'ada');
-- migrate:down
drop table post;
