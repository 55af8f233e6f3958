-- Hints opened on demand, one row per level a learner opened. hint_key names the hint list ('exercise' for the
-- exercise's own hints in exercise.yml). How many a submission was made with is counted from opened_at against
-- submissions.created, so the number is never stored twice.
CREATE TABLE hints_opened (
    learner_id  BIGINT        NOT NULL REFERENCES learners (id),
    exercise_id VARCHAR(200)  NOT NULL,
    hint_key    VARCHAR(200)  NOT NULL,
    level       INT           NOT NULL,
    opened_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (learner_id, exercise_id, hint_key, level)
);
