// The shipped wiki cannot silently lose a page: every required topic exists (by title or alias),
// and every page has a summary, a category, enough prose, primary references and inbound links.
import { describe, expect, test } from 'vitest';
import { readDeployConfig } from '../../src/config/deployConfig.ts';
import { demoRegistry } from '../../src/lib/site.ts';
import { loadContent } from '../../src/pipeline/loadContent.ts';

const REQUIRED_TOPICS = [
  'Balancing Computational Efficiency and Model Accuracy',
  'Artificial intelligence', 'History of artificial intelligence', 'Deep learning', 'Computational efficiency',
  'Model accuracy', 'Model complexity', 'Image recognition', 'Computer vision', 'Natural language processing',
  'Language models', 'Model pruning', 'pruning', 'Knowledge distillation', 'distillation', 'Quantization',
  'Regularization techniques', 'L2', 'dropout', 'Early stopping', 'Transformer architecture', 'transformer',
  'Attention mechanism', 'attention', 'Sequence-to-sequence models', 'seq2seq', 'BERT', 'Data augmentation',
  'Transfer learning', 'Multi-task learning', 'Ensemble methods', 'ImageNet', 'ILSVRC', 'Common Crawl',
  'GLUE benchmark', 'Stanford Question Answering Dataset', 'SQuAD', 'Accuracy (metric)', 'Precision (metric)',
  'Recall (metric)', 'F1 score', 'Mean average precision', 'mAP', 'GPU acceleration', 'TPU acceleration', 'TPU',
  'NVIDIA Tesla V100', 'Quantum computing', 'Neuromorphic computing', 'Explainability', 'Interpretability',
  'Explainable AI', 'XAI', 'Fairness metrics', 'fairness', 'Self-driving cars', 'Virtual assistants',
  'Amazon Alexa', 'AI in healthcare', 'AI in finance', 'AI in education', 'AI for social good',
  'Alan Turing', 'Marvin Minsky', 'Andrew Ng', 'Fei-Fei Li', 'Stanford AI Lab', 'Google', 'Amazon', 'Microsoft',
  'Mixed-precision training', 'mixed precision', 'Neural scaling laws', 'scaling laws', 'Neural architecture search', 'NAS',
  'EfficientNet', 'EfficientNet-B0', 'MobileNets', 'MobileNet', 'ResNet', 'residual network', 'AlexNet', 'SuperVision',
  'GPT-3', 'GPT3', 'Lottery ticket hypothesis', 'lottery ticket', 'Post-training quantization', 'PTQ',
  'Binary and ternary neural networks', 'XNOR-Net', 'Low-rank factorization', 'low-rank approximation', 'LoRA',
  'Low-Rank Adaptation', 'Parameter-efficient fine-tuning', 'PEFT', 'DistilBERT', 'distilled BERT',
  'N:M structured sparsity', '2:4 sparsity', 'Mixture of experts', 'MoE', 'Early exit', 'early exiting',
  'Efficient attention', 'sparse attention', 'FlashAttention', 'IO-aware attention', 'Speculative decoding',
  'speculative sampling', 'Key-value cache', 'KV cache', 'FLOPs and MACs', 'FLOPs', 'Latency and throughput', 'latency',
  'Roofline model', 'roofline', 'Energy use and carbon footprint of machine learning', 'carbon footprint of machine learning',
  'MLPerf', 'MLPerf Training', 'SuperGLUE', 'SuperGLUE benchmark', 'Calibration', 'expected calibration error',
  'ROC curve and AUC', 'AUC', 'BLEU', 'BLEU score', 'Perplexity', 'PPL', 'NVIDIA A100', 'A100', 'Systolic array',
  'systolic arrays', 'FPGAs for machine learning', 'FPGA', 'TinyML', 'tiny machine learning', 'High-bandwidth memory', 'HBM',
  'Geoffrey Hinton', 'Geoff Hinton', 'Yann LeCun', 'LeCun', 'Jeff Dean', 'Jeffrey Dean', 'Song Han', 'Han Song', 'NVIDIA',
  'NVIDIA Corporation', 'Stanford HAI', 'AI Index', 'MLCommons', 'ML Commons',
];

/** Topic title → demo it must carry. */
const REQUIRED_DEMOS: Record<string, string> = {
  'Model pruning': 'pruning',
  Quantization: 'quantization',
  'Knowledge distillation': 'distillation',
  'Early stopping': 'early-stopping',
  'F1 score': 'precision-recall',
  'Fairness metrics': 'fairness',
  'Balancing Computational Efficiency and Model Accuracy': 'tradeoff',
  'Latency and throughput': 'batch-size',
  'Early exit': 'early-exit',
  'Low-rank factorization': 'low-rank',
};

const content = await loadContent(readDeployConfig({ ATLAS_CONTENT: 'content', ATLAS_LINKS: 'error' }), demoRegistry, { render: false });
const names = new Map<string, string>();
for (const t of content.topics) for (const n of [t.title, ...t.aliases]) names.set(n.toLowerCase(), t.title);
/** Pages about the site rather than topics of the wiki: exempt from the encyclopedic standard. */
const SITE_PAGES = new Set(['About Efficiency Atlas']);
const articles = content.topics.filter((t) => !SITE_PAGES.has(t.title));

describe('the shipped wiki', () => {
  test.each(REQUIRED_TOPICS)('has a page for %j (title or alias)', (name) => {
    expect(names.has(name.toLowerCase())).toBe(true);
  });

  test('has no page beyond a known number without anyone noticing', () => {
    expect(content.topics.length).toBeGreaterThanOrEqual(101);
  });

  test.each(articles.map((t) => [t.title, t] as const))('%s: summary, category, ≥300 words, ≥2 references with year', (_, topic) => {
    expect(topic.summary?.length ?? 0).toBeGreaterThan(20);
    expect(topic.category).toBeDefined();
    expect(topic.wordCount).toBeGreaterThanOrEqual(300);
    expect(topic.data.references.length).toBeGreaterThanOrEqual(2);
    for (const ref of topic.data.references) expect(ref.authors.length).toBeGreaterThan(1);
  });

  test('no orphans: every page has an inbound link from another page', () => {
    const linked = new Set(content.links.filter((l) => l.to && l.to !== l.from).map((l) => l.to));
    // Site pages are reached from the footer on every page instead.
    expect(articles.filter((t) => !linked.has(t.slug)).map((t) => t.title)).toEqual([]);
  });

  test.each(Object.entries(REQUIRED_DEMOS))('%s carries the %s demo', (title, demo) => {
    expect(content.topics.find((t) => t.title === title)?.demos).toContain(demo);
  });

  test('the hub article is the home page, named in the site configuration', () => {
    expect(content.topics.find((t) => t.slug === content.home)?.title).toBe('Balancing Computational Efficiency and Model Accuracy');
    expect(content.site.config.home).toBe('Balancing Computational Efficiency and Model Accuracy');
    expect(content.site.title).toBe('Efficiency Atlas');
  });

  test('builds with no warnings at all', () => {
    expect(content.diagnostics).toEqual([]);
  });
});
