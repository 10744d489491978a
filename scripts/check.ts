// `npm run check`: lints the content through the same pipeline and knowledge graph the build uses.
// Prints one table (file:line:column, severity, rule, message) and exits 1 when there are errors;
// warnings are reported but do not fail.
import { readDeployConfig } from '../src/config/deployConfig.ts';
import { demoRegistry } from '../src/lib/site.ts';
import { loadContent, topicRecord } from '../src/pipeline/loadContent.ts';
import { formatFindings, lintKnowledgeGraph, sortFindings, type Finding } from '../graph/index.ts';

const deploy = readDeployConfig();
const content = await loadContent(deploy, demoRegistry, { render: false, throwOnError: false });
const input = { topics: content.topics.map(topicRecord), links: content.links, relations: content.relations, vocabulary: content.vocabulary };
const graph = content.graph;

// The pipeline already reports unresolved links and relations with "did you mean" hints.
// The table only prints the rule, so pipeline rules need not be among the graph's LINT_RULES.
const fromPipeline: Finding[] = content.diagnostics.map((d) => ({ ...d, rule: d.rule as Finding['rule'] }));
// The home note and the pages the header and footer link to are reached from every page: not orphans.
const chrome = [...content.header, ...content.footerLinks].map((l) => content.topics.find((t) => t.url === l.href)?.slug).filter((s) => s !== undefined);
const fromGraph = lintKnowledgeGraph(graph, input, {
  unresolvedLinks: content.linkPolicy === 'error' ? 'error' : 'warning',
  entryPoints: [...(content.home ? [content.home] : []), ...chrome],
}).filter((f) => f.rule !== 'unresolved-link' && f.rule !== 'unknown-relation-target' && f.rule !== 'unknown-relation-type');
const findings = sortFindings([...fromPipeline, ...fromGraph]);

const errors = findings.filter((f) => f.severity === 'error').length;
const warnings = findings.length - errors;
for (const notice of content.notices) console.log(notice);
if (findings.length) console.log(formatFindings(findings, { summary: false }));
console.log(`${content.topics.length} topics checked in ${deploy.contentDir}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
process.exit(errors ? 1 : 0);
