-- Progress: which lessons each learner has opened, for read/unread marks and "continue where you left off".
-- One row per learner and lesson; lesson_id is a course.yml lesson id (content, not a table of its own).
CREATE TABLE lesson_reads (
    learner_id    BIGINT       NOT NULL REFERENCES learners (id),
    lesson_id     VARCHAR(200) NOT NULL,
    first_read_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_read_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (learner_id, lesson_id)
);

-- The latest lesson a learner opened, for the outline's "Continue" link.
CREATE INDEX lesson_reads_by_time ON lesson_reads (learner_id, last_read_at);
