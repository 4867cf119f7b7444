// A deterministic OKR corpus for the benchmarks: a company -> departments -> people tree in
// English, Vietnamese and Chinese, with front matter, dated check-ins and alignment links across
// files, plus one very large file. Same seed, same bytes, on every machine.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** mulberry32: small, fast, and good enough to vary the text. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Lang = 'en' | 'vi' | 'zh';
type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

interface Words {
  objectives: readonly string[];
  krs: readonly (readonly [string, string])[];
  notes: readonly string[];
  align: string;
  obj: (n: number) => string;
  kr: (n: number) => string;
  conf: string;
  title: string;
  intro: string;
}

const WORDS: Record<Lang, Words> = {
  en: {
    objectives: [
      'Become the bookkeeping tool small businesses recommend',
      'Make every release boring and predictable',
      'Grow revenue from the southern provinces',
      'Build a team people are proud to work in',
      'Cut the time customers wait for an answer',
      'Put the company on a funded, long-term footing',
      'Turn onboarding into a one-day experience',
    ],
    krs: [
      ['Monthly recurring revenue from $%a to $%b', '$'],
      ['Paying customers from %a to %b', ''],
      ['Average response time from %a minutes to %b minutes', ' minutes'],
      ['Net Promoter Score from %a to %b', ''],
      ['Close %b enterprise deals by 2026-12-31', ''],
      ['Monthly uptime from 99.%a% to 99.%b%', '%'],
    ],
    notes: ['on track', 'two renewals slipped', 'new pricing is live', 'survey closed', 'hiring is behind'],
    align: 'Aligns to',
    obj: (n: number) => `O${n}: `,
    kr: (n: number) => `KR${n}: `,
    conf: 'confidence',
    title: 'OKRs',
    intro: 'Owners add a check-in to their key results every other Friday; the team reviews progress monthly.',
  },
  vi: {
    objectives: [
      'Đạt 120% chỉ tiêu doanh số trong quý 4',
      'Khách hàng thanh toán đúng hạn và gia hạn đều đặn',
      'Trở thành người tư vấn am hiểu sản phẩm nhất nhóm',
      'Giảm thời gian phản hồi khách hàng',
      'Xây dựng đội ngũ gắn bó và chuyên nghiệp',
    ],
    krs: [
      ['Doanh số ký mới từ %a lên %b triệu đồng', ' triệu đồng'],
      ['Tỷ lệ gia hạn từ %a% lên %b%', '%'],
      ['Ký %b hợp đồng năm với khách hàng mới trước ngày 31/12/2026', ''],
      ['Số khách hàng nợ quá hạn từ %a xuống %c', ''],
      ['Điểm hài lòng trung bình từ %a lên %b', ''],
    ],
    notes: ['đúng tiến độ', 'hai hợp đồng đang chờ ký', 'khách hàng phản hồi tốt', 'cần thêm người'],
    align: 'Căn chỉnh',
    obj: (n: number) => `Mục tiêu ${n}: `,
    kr: (n: number) => `KR${n}: `,
    conf: 'độ tin cậy',
    title: 'OKR',
    intro: 'Mỗi hai tuần, người phụ trách cập nhật tiến độ các kết quả then chốt vào ngày thứ Sáu.',
  },
  zh: {
    objectives: [
      '把明年的预算做实做细，让各部门心里有数',
      '建立稳固的投资人网络，为融资铺路',
      '让客户满意度持续提升',
      '缩短新员工的上手时间',
      '降低运营成本，提高效率',
    ],
    krs: [
      ['每月非必要支出从%a万元降低到%c万元', '万元'],
      ['预算偏差率从%a%降低到%c%', '%'],
      ['完成首次会面的投资机构达到%b家', '家'],
      ['客户满意度从%a分提高到%b分', '分'],
      ['在 2026-12-10 前收齐 %b 个部门的预算提案', ''],
    ],
    notes: ['进展顺利', '两份合同延期', '新流程已上线', '人手不足'],
    align: '对齐',
    obj: (n: number) => `目标${n}：`,
    kr: (n: number) => `关键结果${n}：`,
    conf: '信心',
    title: 'OKR',
    intro: '负责人每两周在周五更新一次关键结果的进展，团队每月回顾一次。',
  },
};

export interface FileSpec {
  /** Path relative to the corpus root, with `/`. */
  rel: string;
  level: 'company' | 'department' | 'individual';
  lang: Lang;
  owner: string;
  parent: string | null;
  /** Relative link from this file to its parent file, for alignment lines. */
  parentLink: string | null;
}

export function okrFile(r: Rand, spec: FileSpec, objectives: number): string {
  const w = WORDS[spec.lang];
  const out: string[] = ['---', `owner: ${spec.owner}`, `level: ${spec.level}`, 'period: 2026-Q4'];
  if (spec.parentLink) out.push(`parent: ${spec.parentLink}`);
  out.push(`lang: ${spec.lang}`, '---', '', `# ${w.title} · ${spec.owner}`, '', w.intro, '');
  for (let o = 1; o <= objectives; o++) {
    out.push(`## ${w.obj(o)}${pick(r, w.objectives)}`, '');
    if (spec.parentLink && r() < 0.8) {
      const target = int(r, 1, 5);
      out.push(
        `${w.align}${spec.lang === 'zh' ? '：' : ': '}[${w.obj(target).replace(/[:：]\s*$/, '')}](${spec.parentLink}#o${target})`,
        '',
      );
    }
    if (r() < 0.15) out.push('Type: committed', '');
    const krs = int(r, 3, 5);
    for (let k = 1; k <= krs; k++) {
      const [tpl] = pick(r, w.krs);
      const a = int(r, 10, 90);
      const b = a + int(r, 10, 200);
      const c = Math.max(1, Math.floor(a / 3));
      const weight = r() < 0.1 ? ' (weight 2)' : '';
      out.push(
        `- ${w.kr(k)}${tpl.replace('%a', String(a)).replace('%b', String(b)).replace('%c', String(c))}${weight}`,
      );
      const checkIns = int(r, 0, 2);
      for (let ci = 0; ci < checkIns; ci++) {
        const day = String(int(r, 1, 28)).padStart(2, '0');
        const month = ci === 0 ? '10' : '11';
        const v = a + int(r, 0, b - a);
        const note = r() < 0.5 ? ` · ${pick(r, w.notes)}` : '';
        out.push(`  - 2026-${month}-${day}: ${v} · ${w.conf} ${int(r, 4, 9)}/10${note}`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}

export interface Corpus {
  root: string;
  files: string[];
  /** The 1,000-objective file (outside the tree, so it does not skew the index numbers). */
  big: string;
  typical: string;
}

const LANGS: Lang[] = ['en', 'vi', 'zh'];

/** The tree for `n` files: one company, about one department per 200 people, the rest people. */
export function treeSpecs(n: number, r: Rand): FileSpec[] {
  const specs: FileSpec[] = [
    { rel: 'company.okr.md', level: 'company', lang: 'en', owner: 'Leadership', parent: null, parentLink: null },
  ];
  const depts = Math.max(1, Math.min(n - 1, Math.round(n / 200)));
  for (let d = 0; d < depts; d++) {
    specs.push({
      rel: `departments/dept-${d}.okr.md`,
      level: 'department',
      lang: LANGS[d % 3],
      owner: `Department ${d}`,
      parent: 'company.okr.md',
      parentLink: '../company.okr.md',
    });
  }
  for (let p = 0; specs.length < n; p++) {
    const d = p % depts;
    specs.push({
      rel: `people/dept-${d}/person-${p}.okr.md`,
      level: 'individual',
      lang: pick(r, LANGS),
      owner: `Person ${p}`,
      parent: `departments/dept-${d}.okr.md`,
      parentLink: `../../departments/dept-${d}.okr.md`,
    });
  }
  return specs;
}

/** Writes `n` tree files under `root/tree-<n>/` (replacing what was there) and returns their paths. */
export function writeTree(root: string, n: number, seed = 42): string[] {
  const dir = path.join(root, `tree-${n}`);
  rmSync(dir, { recursive: true, force: true });
  const r = rng(seed);
  const files: string[] = [];
  for (const spec of treeSpecs(n, r)) {
    const file = path.join(dir, spec.rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, okrFile(r, spec, 5));
    files.push(file);
  }
  return files;
}

/** The company file the big and typical files align to (`company.okr.md`, objectives O1-O5). */
export function companyFile(seed = 5): string {
  const spec: FileSpec = {
    rel: 'company.okr.md',
    level: 'company',
    lang: 'en',
    owner: 'Leadership',
    parent: null,
    parentLink: null,
  };
  return okrFile(rng(seed), spec, 5);
}

/** A file of `objectives` objectives (en, aligned to `company.okr.md` beside it: see companyFile). */
export function bigFile(objectives: number, seed = 7): string {
  const spec: FileSpec = {
    rel: 'big.okr.md',
    level: 'department',
    lang: 'en',
    owner: 'Operations',
    parent: 'company.okr.md',
    parentLink: 'company.okr.md',
  };
  return okrFile(rng(seed), spec, objectives);
}

/** A typical file: 5 objectives, as in the tree. */
export function typicalFile(seed = 11, lang: Lang = 'vi'): string {
  const spec: FileSpec = {
    rel: 'typical.okr.md',
    level: 'individual',
    lang,
    owner: 'Nguyễn Văn An',
    parent: 'company.okr.md',
    parentLink: 'company.okr.md',
  };
  return okrFile(rng(seed), spec, 5);
}
