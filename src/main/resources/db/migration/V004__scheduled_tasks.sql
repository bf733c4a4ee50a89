-- The table of db-scheduler (github.com/kagkarlsson/db-scheduler, its postgresql_tables.sql), which runs the
-- background work of `serve`: periodic tasks and due reminders. Every serve process on one database polls it, and
-- a row is picked (locked and marked) by one of them, so each execution runs once however many processes there are.
-- Not a person's data: a task that concerns a user names them in task_instance.
CREATE TABLE scheduled_tasks (
  task_name            text NOT NULL,
  task_instance        text NOT NULL,
  task_data            bytea,
  execution_time       timestamptz,
  picked               boolean NOT NULL,
  picked_by            text,
  last_success         timestamptz,
  last_failure         timestamptz,
  consecutive_failures integer,
  last_heartbeat       timestamptz,
  version              bigint NOT NULL,
  priority             smallint,
  state                text,
  PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time ASC);
