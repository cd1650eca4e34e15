/** The OpenAPI 3 description of the workbench API (GET /api/openapi.json). */
const err = { description: '错误', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const std = { '401': { ...err, description: '未登录' }, '403': { ...err, description: '无权访问（角色或范围之外）或 CSRF 校验失败' } };
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } };
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const ok = (description: string, schema: object = { type: 'object' }) => ({ '200': { description, ...json(schema) }, ...std });
const body = (schema: object) => ({ required: true, ...json(schema) });
const csrf = [{ session: [], csrf: [] }];

export function openapiDocument() {
  return {
    openapi: '3.0.3',
    info: { title: 'nianbao 工作台 API', version: '1.0.0', description: '政府信息公开工作年度报告工作台。除 POST /api/session 外，所有接口需要会话 Cookie；修改数据的请求还需 X-CSRF-Token 头（登录或 GET /api/me 返回的 csrf）。' },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'nianbao_session' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
      },
      schemas: {
        Error: { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] },
        Me: { type: 'object', properties: { id: { type: 'integer' }, username: { type: 'string' }, role: { type: 'string', enum: ['admin', 'reviewer', 'clerk'] }, csrf: { type: 'string' } } },
        ReportListItem: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            agency: { type: 'string', nullable: true },
            year: { type: 'integer', nullable: true },
            level: { type: 'string', nullable: true },
            errors: { type: 'integer' },
            warnings: { type: 'integer' },
            status: { type: 'string' },
            region: { type: 'string', nullable: true },
            source: { type: 'string' },
            agencyId: { type: 'integer', nullable: true },
            format: { type: 'string', nullable: true },
            failure: { type: 'string', nullable: true },
            ingestedAt: { type: 'string' },
          },
        },
        UploadResult: {
          type: 'object',
          properties: { name: { type: 'string' }, status: { type: 'string', enum: ['added', 'reextracted', 'duplicate', 'failed'] }, reportId: { type: 'integer' }, code: { type: 'string' }, message: { type: 'string' } },
        },
        CanonicalReport: { type: 'object', properties: { meta: { type: 'object' }, sections: { type: 'array', items: { type: 'object' } }, cells: { type: 'object', additionalProperties: { type: 'number', nullable: true } } } },
      },
    },
    security: [{ session: [] }],
    paths: {
      '/api/session': {
        post: {
          summary: '登录：设置 HttpOnly 会话 Cookie',
          security: [],
          requestBody: body({ type: 'object', properties: { username: { type: 'string' }, password: { type: 'string' } }, required: ['username', 'password'] }),
          responses: { '200': { description: '已登录', ...json({ $ref: '#/components/schemas/Me' }) }, '401': err, '429': { ...err, description: '失败次数过多' } },
        },
        delete: { summary: '退出登录', security: csrf, responses: ok('已退出') },
      },
      '/api/me': { get: { summary: '当前用户与 CSRF 令牌', responses: ok('当前用户', { $ref: '#/components/schemas/Me' }) } },
      '/api/openapi.json': { get: { summary: '本文档', responses: ok('OpenAPI 文档') } },
      '/api/reports': {
        get: {
          summary: '年报列表（按用户范围）',
          parameters: ['year', 'region', 'q', 'level', 'status', 'rule', 'sort', 'order', 'page', 'pageSize'].map((name) => ({ name, in: 'query', schema: { type: ['year', 'region', 'page', 'pageSize'].includes(name) ? 'integer' : 'string' } })),
          responses: ok('一页结果', { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/ReportListItem' } }, total: { type: 'integer' } } }),
        },
        post: {
          summary: '上传报告（multipart，一个或多个 file 字段；zip 压缩包会展开）',
          security: csrf,
          parameters: [{ name: 'job', in: 'query', schema: { type: 'string' }, description: '进度频道：GET /api/uploads/{job}/events 以 SSE 推送每个文件的进度' }],
          requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'array', items: { type: 'string', format: 'binary' } } } } } } },
          responses: { ...ok('每个文件的结果', { type: 'object', properties: { results: { type: 'array', items: { $ref: '#/components/schemas/UploadResult' } } } }), '413': err, '415': err },
        },
      },
      '/api/uploads/{job}/events': { get: { summary: '上传进度（text/event-stream）', parameters: [{ name: 'job', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'SSE' }, ...std } } },
      '/api/reports/{id}': { get: { summary: '规范格式的报告，含问题、来源位置、更正与审核', parameters: [idParam], responses: { ...ok('报告'), '404': err } } },
      '/api/reports/{id}/source': { get: { summary: '原文的显示行与 PDF 页数', parameters: [idParam], responses: ok('原文') } },
      '/api/reports/{id}/pages/{page}': { get: { summary: 'PDF 页面图像（PNG，108 dpi）', parameters: [idParam, { name: 'page', in: 'path', required: true, schema: { type: 'integer' } }], responses: { '200': { description: 'PNG' }, ...std } } },
      '/api/reports/{id}/file': { get: { summary: '下载上传的原文件', parameters: [idParam], responses: { '200': { description: '文件' }, ...std } } },
      '/api/reports/{id}/corrections': {
        post: { summary: '更正一个单元格（保留原读数，重新检查）', security: csrf, parameters: [idParam], requestBody: body({ type: 'object', properties: { key: { type: 'string' }, value: { type: 'number', nullable: true }, comment: { type: 'string' } } }), responses: ok('更新后的报告') },
      },
      '/api/reports/{id}/reviews': {
        post: { summary: '确认或驳回一个问题', security: csrf, parameters: [idParam], requestBody: body({ type: 'object', properties: { findingKey: { type: 'string' }, status: { type: 'string', enum: ['confirmed', 'dismissed'] }, comment: { type: 'string' } } }), responses: ok('更新后的报告') },
      },
      '/api/compare': { get: { summary: '两份报告对比：单元格增减、章节文字差异、新增/已改正的问题', parameters: ['a', 'b'].map((name) => ({ name, in: 'query', required: true, schema: { type: 'integer' } })), responses: ok('对比') } },
      '/api/overview': { get: { summary: '总览：应报/已报、按规则统计、热力图、排名、趋势', parameters: ['region', 'year'].map((name) => ({ name, in: 'query', schema: { type: 'integer' } })), responses: ok('总览') } },
      '/api/overview/findings.xlsx': { get: { summary: '导出问题清单（XLSX）', parameters: ['region', 'year'].map((name) => ({ name, in: 'query', schema: { type: 'integer' } })), responses: { '200': { description: 'XLSX' }, ...std } } },
      '/api/drafts': {
        get: { summary: '本单位某年度的填报草稿（无则为空白报告）', parameters: ['year', 'agency'].map((name) => ({ name, in: 'query', schema: { type: 'integer' } })), responses: ok('草稿') },
        put: { summary: '保存草稿', security: csrf, requestBody: body({ type: 'object', properties: { year: { type: 'integer' }, agencyId: { type: 'integer' }, report: { $ref: '#/components/schemas/CanonicalReport' } } }), responses: ok('已保存') },
      },
      '/api/drafts/submit': { post: { summary: '提交报告（入库，审核员可见）', security: csrf, requestBody: body({ type: 'object' }), responses: ok('报告编号与问题数') } },
      '/api/drafts/import': { post: { summary: '导入填报表（xlsx）为表单内容', security: csrf, requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object' } } } }, responses: ok('规范格式的报告') } },
      '/api/render': { post: { summary: '按官方格式生成 DOCX / HTML / 填报表', security: csrf, parameters: [{ name: 'format', in: 'query', required: true, schema: { type: 'string', enum: ['docx', 'html', 'xlsx'] } }], requestBody: body({ type: 'object', properties: { report: { $ref: '#/components/schemas/CanonicalReport' } } }), responses: { '200': { description: '文件' }, ...std } } },
      '/api/regions': { get: { summary: '地区树（范围内）', responses: ok('地区', { type: 'array', items: { type: 'object' } }) }, post: { summary: '新增地区（管理员）', security: csrf, requestBody: body({ type: 'object' }), responses: ok('编号') } },
      '/api/regions/{id}': { delete: { summary: '删除地区（管理员）', security: csrf, parameters: [idParam], responses: ok('已删除') } },
      '/api/agencies': { get: { summary: '单位（范围内）', responses: ok('单位', { type: 'array', items: { type: 'object' } }) }, post: { summary: '新增单位（管理员）', security: csrf, requestBody: body({ type: 'object' }), responses: ok('编号') } },
      '/api/agencies/{id}': { patch: { summary: '修改单位的地区、层级、是否应报（管理员）', security: csrf, parameters: [idParam], requestBody: body({ type: 'object' }), responses: ok('已修改') } },
      '/api/agencies/{id}/reports': { get: { summary: '某单位的各年报告', parameters: [idParam], responses: ok('报告', { type: 'array', items: { type: 'object' } }) } },
      '/api/units.csv': { get: { summary: '导出单位与地区（CSV：地区,单位,层级,应报）', responses: { '200': { description: 'CSV' }, ...std } } },
      '/api/units': { post: { summary: '导入单位与地区 CSV（管理员）', security: csrf, requestBody: body({ type: 'object', properties: { csv: { type: 'string' } } }), responses: ok('导入结果') } },
      '/api/users': { get: { summary: '用户列表（管理员）', responses: ok('用户', { type: 'array', items: { type: 'object' } }) }, post: { summary: '新增用户（管理员）', security: csrf, requestBody: body({ type: 'object' }), responses: ok('编号') } },
      '/api/users/{id}': { patch: { summary: '修改角色、范围、密码、停用（管理员）', security: csrf, parameters: [idParam], requestBody: body({ type: 'object' }), responses: ok('已修改') } },
      '/api/audit': { get: { summary: '审计日志（管理员）', responses: ok('日志', { type: 'array', items: { type: 'object' } }) } },
    },
  };
}
