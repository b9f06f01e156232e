import { reportError } from "../evaluate";
import { UsageError, type Io } from "../io";
import { buildSampleWorkbook } from "../report/sampleWorkbook";
import { readTableTree } from "../tables";

export const WORKBOOK_USAGE = `mcev workbook --assumptions DIR --out FILE.xlsx

Writes a group valuation folder (as read by mcev run --assumptions) as an Excel workbook: one sheet per
table ("us_yrt.model_points" for a sub-folder's table), which mcev run --workbook reads back, and a sheet
"MCEV formulas" that values each entity with =MCEV.* worksheet formulas over those sheets.`;

export async function runWorkbook(args: string[], io: Io): Promise<number> {
  let dir: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--assumptions" && args[i + 1]) dir = args[++i];
    else if (args[i] === "--out" && args[i + 1]) out = args[++i];
    else throw new UsageError(`unexpected argument ${args[i]}`, WORKBOOK_USAGE);
  }
  if (!dir || !out) throw new UsageError("--assumptions and --out are required", WORKBOOK_USAGE);
  try {
    const wb = await buildSampleWorkbook(readTableTree(dir));
    await wb.xlsx.writeFile(out);
    io.out(`${out}: ${wb.worksheets.length} sheets\n`);
    return 0;
  } catch (e) {
    return reportError(e, io);
  }
}
