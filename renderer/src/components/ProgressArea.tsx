import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoreEvents } from '../api/hooks.js';
import type { CoreEvent } from '../../../shared/types.js';

type ProgressEvent = Extract<CoreEvent, { type: 'progress' }>;

/** Long work the core reports (imports, syncs): one bar per task, gone when done. */
export function ProgressArea() {
  const { t } = useTranslation();
  const [tasks, setTasks] = useState<Record<string, ProgressEvent>>({});

  useCoreEvents((event) => {
    if (event.type !== 'progress') return;
    const key = `${event.task}:${event.accountId ?? ''}`;
    const finished = event.total !== null && event.done >= event.total;
    setTasks((current) => {
      const next = { ...current };
      if (finished) delete next[key];
      else next[key] = event;
      return next;
    });
  });

  const list = Object.entries(tasks);
  return (
    <section className="progress-area" aria-label={t('progress.region')} aria-live="polite">
      {list.map(([key, task]) => (
        <div className="progress-task" key={key}>
          <div className="progress-label">{task.label}</div>
          <progress value={task.total === null ? undefined : task.done} max={task.total ?? 1} />
          {task.total !== null && (
            <div className="progress-count">
              {t('progress.counted', { done: task.done, total: task.total })}
            </div>
          )}
        </div>
      ))}
    </section>
  );
}
