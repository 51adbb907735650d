import { cloneElement, useId, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

/** A labelled form control with an optional hint, wired for screen readers. */
export function Field({
  label,
  hint,
  optional,
  className,
  children,
}: {
  label: string;
  hint?: string;
  optional?: boolean;
  className?: string;
  children: ReactElement<{ id?: string; 'aria-describedby'?: string }>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>
        {label}
        {optional && <span className="optional"> ({t('common.optional')})</span>}
      </label>
      {cloneElement(children, { id, 'aria-describedby': hint ? hintId : undefined })}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}
