-- The test console's saved events: each learner's own sample events per exercise, by a name they choose.
-- exercise_id names content (an exercise folder), not a table of its own.
CREATE TABLE test_events (
    learner_id  BIGINT        NOT NULL REFERENCES learners (id),
    exercise_id VARCHAR(200)  NOT NULL,
    name        VARCHAR(60)   NOT NULL,
    json        TEXT          NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (learner_id, exercise_id, name)
);
