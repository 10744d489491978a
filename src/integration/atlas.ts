// The Astro integration: wiring only. It builds the site model once, while Vite bundles the code and
// before Astro renders pages (content mistakes are reported as a clean list, not a stack trace), and
// starts the search index from it, which pagefind builds in its own process while Astro writes the
// pages; it reloads the model in dev when the content folder changes; it leaves the demos' code out
// of a build whose pages have no demo (demoBundle.ts); and it hands the finished build to the
// post-build steps.
import { join } from 'node:path';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { outputFolderProblem, type DeployConfig } from '../config/deployConfig.ts';
import { ContentError, formatDiagnostic } from '../pipeline/diagnostics.ts';
import { currentBuildCache, getSite, invalidateSite, useDevCache, type Site } from '../lib/site.ts';
import { clearOutputForBuild, planPages, savePagePlan, setPagePlan, type PagePlan } from '../lib/pagePlan.ts';
import type { BuildCache } from '../pipeline/buildCache.ts';
import { searchDocument } from '../lib/searchDocument.ts';
import { searchWorkDir, startSearchIndex, type SearchIndexJob } from './pagefind.ts';
import { buildTimings } from './buildTimings.ts';
import { memoryNotice } from './memoryNotice.ts';
import { tuneCollectorForBuild } from './collectorTuning.ts';
import { demoBundlePlugin } from './demoBundle.ts';

/** How long the dev server waits for more file events before rebuilding the model. */
const DEV_BURST_MS = 30;

/**
 * A step of the static build after the pages. `start`, when there is one, begins the step's work as
 * the build starts, to run while Astro renders the pages; the step is then called with what `start`
 * returned, and finishes that work (waiting for it, or helping it along). A promise `start`
 * returns is not an unhandled rejection before the step waits for it.
 */
export interface AfterBuildStep<Started = unknown> {
  (args: { dir: URL; logger: AstroIntegrationLogger; site: Site; started: Started | undefined }): Promise<void>;
  start?(args: { outDir: string; site: Site }): Started;
}

export interface AtlasIntegrationOptions {
  deploy: DeployConfig;
  /** Steps run after the static build, in order (the search index is written after them). */
  // Each step's `started` is its own start's type, which one list cannot spell.
  afterBuild?: Array<AfterBuildStep<any>>;
}

export function atlas(options: AtlasIntegrationOptions): AstroIntegration {
  let search: SearchIndexJob | undefined;
  let plan: PagePlan | undefined;
  const started = new Map<AfterBuildStep, unknown>();
  const timings = buildTimings();
  let preparing: Promise<void> | undefined;

  /**
   * The build's preparation: the site model, the output folder cleared, the search index and the
   * post-build steps started, the pages planned.
   */
  const prepare = async (logger: AstroIntegrationLogger) => {
    const site = await loadOrExit(logger);
    timings.lap('startup and site model');
    const builds = currentBuildCache();
    const cleared = clearOutputForBuild(site, options.deploy.outDir, manifestFile(builds), builds?.stamp ?? '');
    // The search index starts once the output folder is cleared (a first build's pagefind writes
    // straight into it) but before the pages are planned: with the cache on, the plan digests
    // every page (1.6 s at 5,000 pages), and pagefind, the last thing a warm build waits for,
    // gets that long a head start.
    const documents = site.topics.map((topic) => searchDocument(topic, site.base, site.identity.language));
    search = startSearchIndex({
      documents,
      outputPath: join(options.deploy.outDir, site.routes.pagefind().slice(site.base.length)),
      // At most three UTF-8 bytes per UTF-16 unit.
      workDir: searchWorkDir(3 * documents.reduce((units, doc) => units + doc.html.length, 0)),
      logger,
    });
    plan = planPages(site, cleared);
    setPagePlan(plan);
    if (plan.unchanged.size) logger.info(`${plan.unchanged.size} of ${site.topics.length} topic pages unchanged since the last build`);
    timings.lap('page plan');
    for (const step of options.afterBuild ?? []) {
      if (!step.start) continue;
      const work = step.start({ outDir: options.deploy.outDir, site });
      // Waited for (and its failure reported) by the step, after the pages; until then not an
      // unhandled rejection.
      if (work instanceof Promise) work.catch(() => {});
      started.set(step, work);
    }
  };

  return {
    name: 'efficiency-atlas',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        // Said before anything is built, as the deployer's to fix: not a stack trace half-way through.
        const problem = command === 'build' ? outputFolderProblem(options.deploy.outDir) : undefined;
        if (problem) {
          logger.error(problem);
          process.exit(1);
        }
      },
      'astro:build:start': ({ logger }) => {
        tuneCollectorForBuild();
        // Not waited for here: Vite bundles the server code meanwhile, which needs nothing of the
        // content, while the notes are parsed on the worker threads. The client build waits for it
        // (it decides what to bundle, and the output folder must be cleared before it writes there),
        // and the pages are rendered after the client build.
        preparing = prepare(logger);
        // Its failure is reported where it is waited for; until then not an unhandled rejection.
        preparing.catch(() => {});
      },
      'astro:build:setup': ({ updateConfig }) => {
        const prepared = async () => {
          await preparing;
          return getSite();
        };
        updateConfig({
          plugins: [
            {
              name: 'atlas:prepared-before-client-build',
              applyToEnvironment: (environment) => environment.name === 'client',
              async buildStart() {
                await prepared();
              },
            },
            demoBundlePlugin(async () => (await prepared()).topics.some((topic) => topic.demos.length > 0)),
          ],
        });
      },
      'astro:server:setup': async ({ server, logger }) => {
        useDevCache();
        server.watcher.add(options.deploy.contentDir);
        // Saves often come in bursts (a rename is an unlink and an add; editors write twice): one
        // rebuild for the burst.
        let pending: ReturnType<typeof setTimeout> | undefined;
        const reload = (path: string) => {
          if (!path.startsWith(options.deploy.contentDir)) return;
          clearTimeout(pending);
          pending = setTimeout(rebuild, DEV_BURST_MS);
        };
        const rebuild = () => {
          invalidateSite();
          getSite().then(
            (site) => reportWarnings(site.diagnostics, logger),
            (error) => reportError(error, logger),
          );
          // Astro keeps each route's getStaticPaths() result: a note added, deleted or renamed
          // changes the pages, so its server environments are told to ask again.
          for (const environment of Object.values(server.environments)) {
            if (environment.name !== 'client') environment.hot.send('astro:content-changed', {});
          }
          server.ws.send({ type: 'full-reload' });
        };
        server.watcher.on('change', reload);
        server.watcher.on('add', reload);
        server.watcher.on('unlink', reload);
        await getSite().then(
          (site) => reportWarnings(site.diagnostics, logger),
          (error) => reportError(error, logger),
        );
      },
      'astro:build:done': async ({ dir, logger }) => {
        await preparing;
        const site = await getSite();
        timings.lap('astro render and write');
        for (const step of options.afterBuild ?? []) {
          await step({ dir, logger, site, started: started.get(step) });
          timings.lap(`post-build: ${step.name}`);
        }
        await search?.done();
        timings.lap('pagefind (after pages)');
        await site.laidOut;
        if (plan) savePagePlan(plan, site, manifestFile(currentBuildCache()), currentBuildCache()?.stamp ?? '');
        timings.write(site.timings, site.background);
      },
    },
  };
}

/** The page manifest sits beside the build cache's file (none when the cache is off). */
const manifestFile = (builds: BuildCache | undefined) => builds?.file?.replace(/\.bin$/, '.pages.json');

async function loadOrExit(logger: AstroIntegrationLogger): Promise<Site> {
  try {
    const site = await getSite();
    reportWarnings(site.diagnostics, logger);
    for (const notice of site.notices) logger.warn(notice);
    logger.info(`${site.topics.length} topics, ${site.linkCount} links, ${site.relations.length} relations`);
    const memory = memoryNotice(site.topics.length);
    if (memory) logger.warn(memory);
    return site;
  } catch (error) {
    reportError(error, logger);
    // A content mistake is the author's to fix, not a crash: list them and stop without a stack trace.
    if (error instanceof ContentError) process.exit(1);
    throw error;
  }
}

function reportWarnings(diagnostics: ContentError['diagnostics'], logger: AstroIntegrationLogger): void {
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  if (warnings.length) logger.warn(`${warnings.length} content warning${warnings.length === 1 ? '' : 's'}:\n${warnings.map(formatDiagnostic).join('\n')}`);
}

function reportError(error: unknown, logger: AstroIntegrationLogger): void {
  if (error instanceof ContentError) {
    reportWarnings(error.diagnostics, logger);
    logger.error(error.message);
  } else {
    logger.error(String(error instanceof Error ? (error.stack ?? error.message) : error));
  }
}
