// Public API of the knowledge-graph library. No Astro, no DOM: the build, `npm run check`, the
// tests and (for graph.json decoding and path finding) the browser all import from here.
export type { LinkRecord, RelationRecord, SourcePosition, TopicRecord, TopicSlug } from './types.ts';
export { isTopicSlug } from './types.ts';
export {
  DEFAULT_RELATIONS,
  LISTED_BY_QUERY,
  MENTIONS,
  RELATION_TYPES,
  RELATION_TYPE_PATTERN,
  edgeTypes,
  edgeWording,
  isLinkEdge,
  relationVocabulary,
  type EdgeType,
  type RelationDefinition,
  type RelationType,
  type RelationVocabulary,
} from './relations.ts';
export { nameKey, headingKey } from './names.ts';
export { TopicNameIndex, DEFAULTS as TOPIC_SEARCH_DEFAULTS, type TopicMatch, type TopicName, type MatchKind } from './topicSearch.ts';

export {
  addQueryEdges,
  createKnowledgeGraph,
  edgeKey,
  inferBase,
  type KnowledgeGraph,
  type KnowledgeGraphAttributes,
  type KnowledgeGraphInput,
  type TopicAttributes,
  type TopicEdgeAttributes,
} from './knowledgeGraph.ts';
export { analyseKnowledgeGraph, assignAnalytics, buildKnowledgeGraph, layoutKnowledgeGraph, type BuildKnowledgeGraphOptions } from './buildKnowledgeGraph.ts';

export { degrees, orphans, deadEnds, type Degrees } from './degrees.ts';
export { pagerank, type PagerankOptions } from './pagerank.ts';
export { communities, undirectedProjection, type CommunitiesOptions } from './communities.ts';
export { layout, layoutIterations, nodeSizes, type LayoutOptions, type Point } from './layout.ts';
export { relatedTopics, relatedTopicsForAll, relatedTopicsOnDemand, type RelatedTopic, type RelatedTopicsOptions } from './relatedTopics.ts';
export {
  shortestRelationPath,
  describePath,
  type PathStep,
  type PathDirection,
  type EdgeWording,
  type ShortestRelationPathOptions,
} from './shortestRelationPath.ts';

export {
  toGraphJson,
  neighbourhoodGraphJson,
  neighbourhoodGraphJsonText,
  readGraphJson,
  graphFromJson,
  GRAPH_JSON_VERSION,
  type GraphJson,
  type GraphJsonNode,
  type GraphJsonEdge,
  type DecodedGraph,
  type ViewGraph,
  type ViewNodeAttributes,
  type ViewEdgeAttributes,
} from './graphJson.ts';
export { toGexf, gexfParts, escapeXml, type GexfOptions } from './gexf.ts';
export { toJsonLd, termSetId, type JsonLdOptions, type JsonLdTermSet, type JsonLdTerm } from './jsonLd.ts';
export { lintKnowledgeGraph, formatFindings, sortFindings, LINT_RULES, type Finding, type LintRule, type LintOptions, type Severity } from './lint.ts';

export { mulberry32, type Random } from './random.ts';
export { PALETTE, paletteColor, hexToRgb } from './palette.ts';
export { neighbourhood, NeighbourOrder, undirectedAdjacency, type NeighbourhoodEntry, type NeighbourhoodOptions } from './neighbourhood.ts';

// The query language; its syntax-tree node types (Source, Condition, ValueExpr…) are exported by
// ./query/index.ts, not here, to keep such generic names out of this namespace.
export {
  parseQuery,
  printQuery,
  evaluateQuery,
  runQuery,
  createQueryContext,
  queryResultToMdast,
  type Query,
  type QueryContext,
  type QueryContextInput,
  type QueryTopic,
  type QueryError,
  type QueryResult,
  type QueryRow,
  type QueryCell,
  type QueryGroup,
  type QueryRenderOptions,
  type QueryMdastNode,
  type ParseQueryResult,
  type EvaluateQueryResult,
} from './query/index.ts';
