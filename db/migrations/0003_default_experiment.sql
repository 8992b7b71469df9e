-- MLflow clients expect experiment "0", named Default, to exist on every tracking server.
INSERT INTO experiments (id, name, description, artifact_location, lifecycle_stage)
VALUES (0, 'Default', 'Runs logged without naming an experiment land here.', 'mlflow-artifacts:/0', 'active')
ON CONFLICT (id) DO NOTHING;
