// `npm run start:pair`: two deployments side by side for trying the exchange between provinces
// (跨省转学): 广东 (440000) on PORT (default 3000) and 江苏 (320000) on PORT + 1, each with its own
// data folder under PAIR_DATA_DIR (default .data-pair/<province>), each the other's exchange peer.
// Both run the demo organisation tree and demo users (only the province code differs); SEED_STUDENTS
// (default 240) students each on a first start. RESET=1 (or --reset) wipes both. Ctrl-C stops both.
import { join, resolve } from 'node:path';
import { startPair, type PairedDeployment } from './pair.ts';

const port = Number(process.env.PORT ?? 3000);
const base = resolve(process.env.PAIR_DATA_DIR ?? '.data-pair');
const reset = process.argv.includes('--reset') || process.env.RESET === '1' || process.env.RESET === 'true';
const seedStudents = process.env.SEED_STUDENTS === undefined ? 240 : Number(process.env.SEED_STUDENTS);

if (!Number.isInteger(port) || port < 1 || port > 65534) {
  console.error(`PORT 无效: ${process.env.PORT}`);
  process.exit(2);
}

const say = (text: string) => process.stdout.write(`${text}\n`);

say('正在启动两个部署 (广东 440000, 江苏 320000)… / starting two deployments');
let pair: [PairedDeployment, PairedDeployment];
try {
  pair = await startPair({ province: '440000', dataDir: join(base, '440000'), port }, { province: '320000', dataDir: join(base, '320000'), port: port + 1 }, { reset, seedStudents });
} catch (error) {
  console.error(`启动失败: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  say(`\n收到 ${signal}，正在停止两个部署…`);
  Promise.all(pair.map((deployment) => deployment.stack.stop()))
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error('停止时出错:', error);
      process.exit(1);
    });
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

const [gd, js] = pair;
say(`
学籍管理系统 · 两个部署 (two deployments, exchanging with each other)
  广东 440000:  ${gd.url}/   数据目录 ${gd.dataDir}
  江苏 320000:  ${js.url}/   数据目录 ${js.dataDir}

试一次跨省转学 (try a transfer from 江苏 to 广东):
  1. 在江苏 (${js.url}) 以 registrar-th-shiyan 登录，查看一名学生的全国学籍号和姓名；
  2. 在广东 (${gd.url}) 以 registrar-yx-dongfeng 登录，提交转学
     POST /v1/changes {"type":"transfer","fromProvince":"320000","nationalStudentNo":"…","name":"…","toClassId":"2144010401-G2025-C01","reason":"…"}；
  3. 广东 yuexiu-admin 审核 → 申请发往江苏；江苏 registrar-th-shiyan、tianhe-admin 依次审核；
  4. 学籍在广东建立 (同一全国学籍号)，江苏的学籍标为转出 (status=transferred)。

按 Ctrl-C 停止两个部署 (data is kept; npm run start:pair -- --reset wipes both).
`);
