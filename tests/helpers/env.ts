// Which database the database suites run on: PGlite (default) or the
// PostgreSQL server named by TEST_DATABASE_URL (what .ci/run does).
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || null;
export const TEMPLATE_PATH = process.env.PAMONG_TEMPLATE_PATH || 'node_modules/.cache/pamong/template.tar.gz';
