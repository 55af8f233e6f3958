-- The editor's drafts: each learner's unsubmitted code per exercise, autosaved from the exercise page so a reload,
-- another device or a crash never loses an edit. exercise_id is a content id (exercise folder), not a table of its own.
-- files holds the editor's files as a JSON object, path to text, the same shape submissions.sources has.
CREATE TABLE drafts (
    learner_id  BIGINT       NOT NULL REFERENCES learners (id),
    exercise_id VARCHAR(200) NOT NULL,
    files       TEXT         NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (learner_id, exercise_id)
);
