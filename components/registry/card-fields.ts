import type { MODEL_CARD_FIELDS } from '@/lib/registry/schemas';

type CardField = (typeof MODEL_CARD_FIELDS)[number];

export const CARD_LABELS: Record<CardField, string> = {
  intendedUse: 'Intended use',
  limitations: 'Limitations',
  trainingData: 'Training data',
  evaluationData: 'Evaluation data',
  metricsSummary: 'Metrics summary',
  ethicalConsiderations: 'Ethical considerations',
  owners: 'Owners',
};

export const TEXT_FIELDS = ['intendedUse', 'limitations', 'trainingData', 'evaluationData', 'metricsSummary', 'ethicalConsiderations'] as const;
