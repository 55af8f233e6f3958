-- Grading past one machine: the submissions table is the queue every grader shares, the web app's in-process workers
-- and `lab worker` processes alike (GradingQueue, SubmissionStore). Runs unchanged on H2 (PostgreSQL mode) and
-- PostgreSQL.

-- Who holds a RUNNING submission's claim (worker_id and attempts together name one claim), since when, and when that
-- worker last said it is alive; a claim whose heartbeat is older than the timeout is taken back. attempts counts the
-- claims so far, so a submission that keeps losing its grader is failed rather than retried for ever.
ALTER TABLE submissions ADD COLUMN worker_id VARCHAR(200);
ALTER TABLE submissions ADD COLUMN claimed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE submissions ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE submissions ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
-- The live progress of a RUNNING grading (StatusView.Lines as JSON), written by whichever process grades it.
ALTER TABLE submissions ADD COLUMN progress TEXT;

-- Round-robin between learners: the next claim goes to the waiting learner served longest ago (never first). A claim
-- also locks this row, so two graders never start two gradings of one learner at once.
ALTER TABLE learners ADD COLUMN last_claimed_at TIMESTAMP WITH TIME ZONE;
