-- migrate:up
create table parcel (id bigint generated always as identity primary key, bin text not null references bin (code));
-- migrate:down
drop table parcel;
