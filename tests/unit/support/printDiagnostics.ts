// Runs the content pipeline over the folder given as the first argument (as the build would, but
// without rendering) and prints its diagnostics as a JSON list of "severity file:line:col message"
// lines. tests/unit/badInput.test.ts runs it as an unprivileged user when the tests run as root.
import { readDeployConfig } from '../../../src/config/deployConfig.ts';
import { formatDiagnostic } from '../../../src/pipeline/diagnostics.ts';
import { loadContent } from '../../../src/pipeline/loadContent.ts';

const dir = process.argv[2]!;
const demos = { names: [], isDemoName: () => false, fallbackHtml: () => '' };
const content = await loadContent(readDeployConfig({ ATLAS_CONTENT: dir }, dir), demos, { render: false, throwOnError: false, cwd: dir });
console.log(JSON.stringify(content.diagnostics.map((d) => `${d.severity} ${formatDiagnostic(d)}`)));
