// The city's work locations under /pegawai/lokasi: each a centre and a radius
// (the geofence check-ins are judged by), with a plain link to a map site.
import { handleForm, type FormFailure } from '../../http/forms.js';
import type { App } from '../../http/types.js';
import { fieldError } from '../../lib/errors.js';
import { Form, Submit, TextField } from '../../ui/forms.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { BASE, explainFailure, one, StaffPage, type Location, type Values } from './pages-parts.js';
import { employeesPolicy as P } from './policy.js';
import { LocationForm } from './schema.js';

const mapLink = (l: { lat: number; lon: number }) =>
  `https://www.openstreetmap.org/?mlat=${l.lat}&mlon=${l.lon}#map=18/${l.lat}/${l.lon}`;

function LocationsPage(p: { pc: PageCtx; locations: Location[]; values?: Values; failure?: FormFailure | undefined }) {
  const failure = explainFailure(p.pc.t, p.failure);
  const t = p.pc.t;
  const v = (n: string) => one(p.values?.[n]);
  const errors = failure?.errors;
  return (
    <StaffPage pc={p.pc} title="pegawai.locations_title" failure={failure}>
      {p.locations.length ? (
        <div class="table-wrap">
          <table class="table" data-testid="location-list">
            <thead>
              <tr>
                <th>{t('pegawai.f.name')}</th>
                <th>{t('pegawai.f.lat')}</th>
                <th>{t('pegawai.f.lon')}</th>
                <th>{t('pegawai.f.radius')}</th>
                <th>{t('pegawai.map')}</th>
              </tr>
            </thead>
            <tbody>
              {p.locations.map((l) => (
                <tr>
                  <td>{l.name}</td>
                  <td>{l.lat}</td>
                  <td>{l.lon}</td>
                  <td>{l.radius_m} m</td>
                  <td>
                    <a href={mapLink(l)} rel="noopener noreferrer">
                      {t('pegawai.open_map')}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p data-testid="location-list">{t('pegawai.locations_none')}</p>
      )}
      <h2>{t('pegawai.location_new')}</h2>
      <Form pc={p.pc} action={`${BASE}/lokasi`} testid="location-form">
        <TextField t={t} name="name" label="pegawai.f.name" value={v('name')} maxLength={160} errors={errors} />
        <TextField
          t={t}
          name="lat"
          label="pegawai.f.lat"
          hint="pegawai.lat_hint"
          value={v('lat')}
          inputmode="text"
          maxLength={14}
          class="input--short"
          errors={errors}
        />
        <TextField
          t={t}
          name="lon"
          label="pegawai.f.lon"
          hint="pegawai.lon_hint"
          value={v('lon')}
          inputmode="text"
          maxLength={14}
          class="input--short"
          errors={errors}
        />
        <TextField
          t={t}
          name="radiusM"
          label="pegawai.f.radius"
          hint="pegawai.radius_hint"
          value={v('radiusM') ?? '100'}
          inputmode="numeric"
          maxLength={4}
          class="input--short"
          errors={errors}
        />
        <Submit label={t('pegawai.add_location')} testid="location-submit" />
      </Form>
    </StaffPage>
  );
}

/** Form text → the service's numbers; out of the range the API accepts → a field error saying what to type. */
function locationInput(b: { name: string; lat: string; lon: string; radiusM: string }) {
  const lat = Number(b.lat);
  const lon = Number(b.lon);
  const radiusM = Number(b.radiusM);
  if (!(lat >= -11.5 && lat <= 6.5)) throw fieldError('lat', 'pegawai.err.lat');
  if (!(lon >= 94 && lon <= 141.5)) throw fieldError('lon', 'pegawai.err.lon');
  if (!(radiusM >= 10 && radiusM <= 2000)) throw fieldError('radiusM', 'pegawai.err.radius');
  return { name: b.name, lat, lon, radiusM };
}

export function registerLocationPages(app: App, s: Services) {
  const E = s.employees;
  app.get(`${BASE}/lokasi`, { config: { access: P.manage } }, async (req, reply) =>
    sendPage(reply, <LocationsPage pc={pageCtx(req, reply)} locations={await E.locations(req.ctx())} />),
  );
  app.post(
    `${BASE}/lokasi`,
    { config: { access: P.manage }, attachValidation: true, schema: { body: LocationForm } },
    async (req, reply) => {
      const locations = await E.locations(req.ctx());
      return handleForm(req, reply, {
        render: (failure) => (
          <LocationsPage
            pc={pageCtx(req, reply)}
            locations={locations}
            values={(req.body ?? {}) as Values}
            failure={failure}
          />
        ),
        run: () => E.createLocation(req.ctx(), locationInput(req.body)),
        done: () => redirectWithFlash(reply, `${BASE}/lokasi`, 'flash.saved'),
      });
    },
  );
}
