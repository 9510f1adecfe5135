// National code tables of the student record (DOMAIN.md "Code tables"). Values are the codes as
// strings; labels are for people. Tables marked "unconfirmed" follow common provincial forms and
// may be replaced per deployment. 国籍/地区 (ISO 3166-1 alpha-3) is in nationality.ts.

export type CodeTable = Readonly<Record<string, string>>;

export const GENDER: CodeTable = { '1': '男', '2': '女' };

export const ETHNICITY: CodeTable = {
  '01': '汉族', '02': '蒙古族', '03': '回族', '04': '藏族', '05': '维吾尔族', '06': '苗族', '07': '彝族', '08': '壮族',
  '09': '布依族', '10': '朝鲜族', '11': '满族', '12': '侗族', '13': '瑶族', '14': '白族', '15': '土家族', '16': '哈尼族',
  '17': '哈萨克族', '18': '傣族', '19': '黎族', '20': '傈僳族', '21': '佤族', '22': '畲族', '23': '高山族', '24': '拉祜族',
  '25': '水族', '26': '东乡族', '27': '纳西族', '28': '景颇族', '29': '柯尔克孜族', '30': '土族', '31': '达斡尔族',
  '32': '仫佬族', '33': '羌族', '34': '布朗族', '35': '撒拉族', '36': '毛南族', '37': '仡佬族', '38': '锡伯族',
  '39': '阿昌族', '40': '普米族', '41': '塔吉克族', '42': '怒族', '43': '乌孜别克族', '44': '俄罗斯族', '45': '鄂温克族',
  '46': '德昂族', '47': '保安族', '48': '裕固族', '49': '京族', '50': '塔塔尔族', '51': '独龙族', '52': '鄂伦春族',
  '53': '赫哲族', '54': '门巴族', '55': '珞巴族', '56': '基诺族', '97': '其他', '98': '外国血统中国籍人士',
};

export const ID_TYPE: CodeTable = {
  '1': '居民身份证', '6': '香港特区护照/身份证明', '7': '澳门特区护照/身份证明', '8': '台湾居民来往大陆通行证',
  '9': '境外永久居住证', A: '护照', Z: '其他',
};

export const OVERSEAS_CHINESE: CodeTable = {
  '00': '否', '01': '香港同胞', '02': '香港同胞亲属', '03': '澳门同胞', '04': '澳门同胞亲属', '05': '台湾同胞',
  '06': '台湾同胞亲属', '11': '华侨', '12': '侨眷', '13': '归侨', '14': '归侨子女', '21': '归国留学人员',
  '31': '非华裔中国人', '41': '外籍华裔人', '51': '外国人', '99': '其他',
};

export const POLITICAL_STATUS: CodeTable = { '01': '中共党员', '02': '中共预备党员', '03': '共青团员', '13': '群众' };
export const HEALTH: CodeTable = { '10': '健康或良好', '20': '一般或较弱', '30': '有慢性病', '40': '有生理缺陷', '50': '残疾' };
export const HOUSEHOLD_TYPE: CodeTable = { '1': '农业', '2': '非农业' };
export const ADMISSION_MODE: CodeTable = { '11': '就近入学', '12': '其他', '21': '统一招生考试', '22': '体育特招', '23': '艺术特招', '99': '其他' };
export const ATTENDANCE_MODE: CodeTable = { '1': '走读', '2': '住校' };
export const LEFT_BEHIND: CodeTable = { '0': '非留守儿童', '1': '单亲留守儿童', '2': '双亲留守儿童' };
export const FLAG: CodeTable = { '1': '是', '0': '否' };
/** unconfirmed */
export const DISABILITY: CodeTable = { '0': '无残疾', '1': '视力残疾', '2': '听力残疾', '3': '言语残疾', '4': '肢体残疾', '5': '智力残疾', '6': '精神残疾', '7': '多重残疾', '9': '其他残疾' };
/** unconfirmed */
export const COMMUTE_MODE: CodeTable = { '1': '步行', '2': '自行车(含电动自行车)', '3': '公共交通', '4': '家长接送', '5': '校车', '9': '其他' };
/** unconfirmed */
export const BLOOD_TYPE: CodeTable = { '0': '未知血型', '1': 'A血型', '2': 'B血型', '3': 'AB血型', '4': 'O血型', '5': 'RH阳性血型', '6': 'RH阴性血型' };
/** unconfirmed */
export const STUDENT_SOURCE: CodeTable = { '1': '正常入学', '2': '借读', '3': '其他' };
