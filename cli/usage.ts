// The help text: what each option does and what the exit codes mean, in the API's language.
export const USAGE = `用法 (usage):
  npx xueji import 文件.xlsx|文件.csv --school 学校代码 [选项]

  上传学生信息文件，检查并导入 (与网页上的“招生导入”相同)，显示进度，下载导入报告。

选项:
  --school ID        学校代码 (必填)，如 2144010601
  --dry-run          只检查、不写入任何数据
  --mapping 文件     列对应关系 (JSON: {"文件中的表头": "字段名"})
  --url URL          系统地址；默认为本机 npm start 记录的地址 (DATA_DIR/runtime.json，DATA_DIR 默认为 .data)，
                     或环境变量 XUEJI_URL
  --token 令牌       访问令牌 (或环境变量 XUEJI_TOKEN)
  --user 用户名      本地演示账号登录 (dev-login)，如 registrar-th-shiyan
  --out 目录         报告保存的目录；默认与文件同一目录，名为 <文件名>.导入报告.xlsx
  -h, --help         显示本帮助

退出码 (exit codes):
  0  没有出错的行 (已有学籍而跳过的行不算出错)
  1  有出错的行，或文件无法导入 (如表头不对)：详见报告
  2  参数错误、无法连接，或系统拒绝了请求 (显示系统的提示)
`;
