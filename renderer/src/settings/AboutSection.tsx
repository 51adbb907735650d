/** The version, and the licences of the dependencies the app ships (generated at build time). */
import { useTranslation } from 'react-i18next';
import licences from 'virtual:licences';

export function AboutSection({ version }: { version: string | null }) {
  const { t } = useTranslation();
  return (
    <section className="settings-section" aria-labelledby="settings-about">
      <h2 id="settings-about">{t('appSettings.about.title')}</h2>
      {version && <p>{t('appSettings.about.version', { version })}</p>}
      <p className="muted">{t('appSettings.about.local')}</p>
      <details className="licences">
        <summary>{t('appSettings.about.licences', { count: licences.length })}</summary>
        <table>
          <caption className="visually-hidden">{t('appSettings.about.licencesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('appSettings.about.package')}</th>
              <th scope="col">{t('appSettings.about.packageVersion')}</th>
              <th scope="col">{t('appSettings.about.licence')}</th>
            </tr>
          </thead>
          <tbody>
            {licences.map((d) => (
              <tr key={`${d.name}@${d.version}`}>
                <td translate="no">{d.name}</td>
                <td translate="no">{d.version}</td>
                <td translate={d.licence ? 'no' : undefined}>
                  {d.licence ?? t('appSettings.about.noLicence')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
