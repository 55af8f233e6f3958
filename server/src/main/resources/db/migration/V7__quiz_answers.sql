-- Quizzes in lessons: each learner's latest answer to each quiz, shown again on return and counted as progress.
-- lesson_id and quiz_id name content (course.yml and the lesson's quiz ids), not tables of their own.
-- answer holds the option names picked, comma-separated (a,c), or the text typed for a short answer.
CREATE TABLE quiz_answers (
    learner_id  BIGINT        NOT NULL REFERENCES learners (id),
    lesson_id   VARCHAR(200)  NOT NULL,
    quiz_id     VARCHAR(80)   NOT NULL,
    answer      VARCHAR(1000) NOT NULL,
    correct     BOOLEAN       NOT NULL,
    answered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (learner_id, lesson_id, quiz_id)
);
