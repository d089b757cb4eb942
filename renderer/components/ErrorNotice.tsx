import { useTranslation } from 'react-i18next';
import { describeError } from '../state/describe_error';

/** An error in plain language, announced to screen readers. Renders nothing without an error. */
export function ErrorNotice({ error, testId }: { error: unknown; testId?: string }) {
  const { t } = useTranslation();
  if (error === undefined || error === null) return null;
  return (
    <p className="notice notice-error" role="alert" data-testid={testId}>
      {describeError(error, t)}
    </p>
  );
}
