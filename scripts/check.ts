// `npm run check`: lints the content through the same pipeline and knowledge graph the build uses.
// Prints one table (file:line:column, severity, rule, message) and exits 1 when there are errors;
// warnings are reported but do not fail.
import { readConfig } from '../src/config.ts';
import { DEMO_NAMES, isDemoName, renderDemoFallbackHtml } from '../src/demos/registry.ts';
import { loadContent, topicRecord } from '../src/pipeline/loadSite.ts';
import { buildKnowledgeGraph, formatFindings, lintKnowledgeGraph, sortFindings, type Finding } from '../graph/index.ts';

const config = readConfig();
const content = await loadContent(config, { names: DEMO_NAMES, isDemoName, fallbackHtml: renderDemoFallbackHtml }, { render: false, throwOnError: false });
const input = { topics: content.topics.map(topicRecord), links: content.links, relations: content.relations };
const graph = buildKnowledgeGraph(input, { layoutIterations: 0 });
const home = content.topics.find((t) => t.data.home) ?? content.topics.find((t) => t.path.toLowerCase() === 'index');

// The pipeline already reports unresolved links and relations with "did you mean" hints.
// The table only prints the rule, so pipeline rules need not be among the graph's LINT_RULES.
const fromPipeline: Finding[] = content.diagnostics.map((d) => ({ ...d, rule: d.rule as Finding['rule'] }));
const fromGraph = lintKnowledgeGraph(graph, input, {
  unresolvedLinks: config.links === 'error' ? 'error' : 'warning',
  entryPoints: home ? [home.slug] : [],
}).filter((f) => f.rule !== 'unresolved-link' && f.rule !== 'unknown-relation-target');
const findings = sortFindings([...fromPipeline, ...fromGraph]);

const errors = findings.filter((f) => f.severity === 'error').length;
const warnings = findings.length - errors;
if (findings.length) console.log(formatFindings(findings, { summary: false }));
console.log(`${content.topics.length} topics checked in ${config.contentDir}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
process.exit(errors ? 1 : 0);
