import type { MessageKey } from './en';

export const vi: Record<MessageKey, string> = {
  'objective-without-krs':
    'Mục tiêu "{title}" chưa có kết quả then chốt nào. Hãy thêm 2-5 kết quả then chốt đo lường được bên dưới, ví dụ "- KR1: Tăng NPS từ 30 lên 45 trước 31/12/2026".',
  'template-placeholder':
    'Chỗ trống của mẫu {text} chưa được điền: hãy thay bằng giá trị thật (một con số, một ngày hoặc một cái tên).',
  'front-matter-invalid.yaml':
    'Phần đầu (front matter) không phải YAML hợp lệ ({detail}). Ví dụ hợp lệ: owner: Kinh doanh, level: department, period: 2026-Q4.',
  'front-matter-invalid.not-a-mapping':
    'Phần đầu phải là các dòng "khóa: giá trị", ví dụ "owner: Kinh doanh" và "period: 2026-Q4".',
  'front-matter-invalid.level': 'Cấp "{value}" không hợp lệ: dùng company, department, team hoặc individual.',
  'front-matter-invalid.period':
    'Không đọc được chu kỳ "{value}": hãy viết 2026-Q4, 2026-H1, 2026, 2026-10 hoặc 2026-10-01..2026-12-31.',
  'front-matter-invalid.lang': 'Ngôn ngữ "{value}" không hợp lệ: dùng en, vi hoặc zh.',
  'front-matter-invalid.parent': 'parent phải là đường dẫn tương đối tới một tệp OKR, ví dụ "../company.okr.md".',
  'front-matter-invalid.owner': 'owner phải là một cái tên, ví dụ "owner: Tài chính".',
  'file-skipped.binary': 'Tệp này chứa dữ liệu nhị phân, không phải văn bản: không được kiểm tra.',
  'file-skipped.too-large': 'Tệp này quá lớn để kiểm tra ({detail}).',
  'file-skipped.too-deep':
    'Tệp này lồng quá sâu hoặc có quá nhiều ký hiệu định dạng nên không kiểm tra được an toàn ({detail}).',
  'fix.front-matter-skeleton': 'Thay phần đầu bằng một khung hợp lệ',
  'fix.select-placeholder': 'Chọn chỗ trống {text} để điền',
  'fix.disable-line': 'Tắt {rule} cho dòng này',
  'fix.disable-file': 'Tắt {rule} cho cả tệp',
  'fix.all': 'Sửa mọi lỗi {rule} trong tệp',
};
