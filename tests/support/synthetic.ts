import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/**
 * Synthetic students for tests and benchmarks: names are combinations of common characters,
 * not anybody's name, and 学号 are sequential.
 */
const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['一', '子', '晨', '雨', '浩', '宇', '欣', '怡', '博', '文', '思', '佳', '明', '涵', '睿', '琪', '航', '悦', '泽', '轩'];
const DEPARTMENTS = ['计算机学院', '外国语学院', '经济管理学院', '机械工程学院', '文学院', '数学学院'];

export interface SyntheticStudent {
  学号: string;
  姓名: string;
  性别: string;
  出生日期: string;
  院系: string;
  专业: string;
  年级: string;
  班级: string;
  宿舍: string;
  联系电话: string;
  辅导员: string;
  家长姓名: string;
  家长电话: string;
}

export function syntheticStudent(i: number, year = 2026): SyntheticStudent {
  const surname = SURNAMES[i % SURNAMES.length];
  const given = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length] + (i % 3 === 0 ? GIVEN[(i * 7) % GIVEN.length] : '');
  const department = DEPARTMENTS[i % DEPARTMENTS.length];
  return {
    学号: `${year}${String(i + 1).padStart(6, '0')}`,
    姓名: surname + given,
    性别: i % 2 === 0 ? '男' : '女',
    出生日期: `2007-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    院系: department,
    专业: `${department.slice(0, 2)}专业`,
    年级: `${year}级`,
    班级: `${department.slice(0, 2)}${(i % 8) + 1}班`,
    宿舍: `${(i % 30) + 1}号楼${(i % 600) + 101}`,
    联系电话: `139${String(i).padStart(8, '0')}`,
    辅导员: `辅导员${(i % 12) + 1}`,
    家长姓名: `${surname}家长`,
    家长电话: `138${String(i).padStart(8, '0')}`,
  };
}

export const ROSTER_HEADERS = Object.keys(syntheticStudent(0)) as (keyof SyntheticStudent)[];

export function rosterRows(count: number, start = 0): string[][] {
  return Array.from({ length: count }, (_, i) => ROSTER_HEADERS.map((h) => syntheticStudent(start + i)[h]));
}

function csvText(headers: string[], rows: string[][]): string {
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return [headers, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** As Excel in China saves "CSV (逗号分隔)": GBK, no BOM. */
export function csvGbk(headers: string[], rows: string[][]): Buffer {
  return iconv.encode(csvText(headers, rows), 'gbk');
}

export function csvUtf8Bom(headers: string[], rows: string[][]): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText(headers, rows), 'utf8')]);
}

export async function xlsx(headers: string[], rows: (string | number | Date)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('花名册');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
