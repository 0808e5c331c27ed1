// First: zod (pulled in by the shared level scheme) must not use `new Function` under the CSP.
import '../zod-config';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  ConfigProvider,
  Flex,
  Form,
  Input,
  Layout,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode, useCallback, useEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import {
  api,
  ApiError,
  currentUser,
  signIn,
  signOut,
  type DepartmentCensusStudent,
  type DepartmentStudent,
  type FiledReport,
  type MergedEntry,
  type Me,
  type OpenEvent,
  type StudentRef,
  type Workstation,
} from './api';
import { levelColor, levelLabel, WORDS, type Language, type Words } from './words';

/**
 * The school server's pages: the director's view (every workstation, no content), the 院系 view
 * (own department, the departments roster, filing a report) and the leadership view (de-identified
 * statistics). Read-only but for the report; every read is audited by the server.
 */

interface PageProps {
  w: Words;
  language: Language;
}

function useLoad<T>(load: () => Promise<T>): { data: T | null; error: boolean } {
  const [state, setState] = useState<{ data: T | null; error: boolean }>({ data: null, error: false });
  useEffect(() => {
    load().then(
      (data) => setState({ data, error: false }),
      () => setState({ data: null, error: true }),
    );
  }, [load]);
  return state;
}

function studentName(student: StudentRef, w: Words): string {
  return student.name ?? w.unknownStudent;
}

/** The name the workstation gives itself, or its id while it has none (the id stays in the tooltip). */
function workstationLabel(x: { workstationId: string; workstationName?: string | null }) {
  return x.workstationName ? <span title={x.workstationId}>{x.workstationName}</span> : x.workstationId;
}

function LevelTag({ level, language }: { level: string | null; language: Language }) {
  return <Tag color={levelColor(level)}>{levelLabel(level, language)}</Tag>;
}

function CrisisTable({ w, language }: PageProps) {
  const { data, error } = useLoad(api.crisis);
  if (error) return <Alert type="error" title={w.failed} />;
  return (
    <Table<OpenEvent>
      rowKey={(e) => `${e.workstationId}-${e.eventNo}`}
      loading={!data}
      dataSource={data?.events ?? []}
      pagination={false}
      locale={{ emptyText: w.empty }}
      columns={[
        { title: w.eventNo, dataIndex: 'eventNo' },
        { title: w.studentNo, render: (_, e) => e.student.studentNo ?? '—' },
        { title: w.name, render: (_, e) => studentName(e.student, w) },
        { title: w.department, render: (_, e) => e.student.department ?? '—' },
        { title: w.level, render: (_, e) => <LevelTag level={e.level} language={language} /> },
        { title: w.status, render: (_, e) => (e.status === 'closing' ? w.statusClosing : w.statusOpen) },
        { title: w.responsible, render: (_, e) => e.responsible ?? '—' },
        { title: w.workstation, render: (_, e) => workstationLabel(e) },
        { title: w.discoveredAt, render: (_, e) => (e.discoveredAt ? new Date(e.discoveredAt).toLocaleString(language) : '—') },
        { title: w.overdueSteps, render: (_, e) => (e.overdueSteps > 0 ? <Tag color="red">{e.overdueSteps}</Tag> : 0) },
      ]}
    />
  );
}

const KEY_ATTENTION_PAGE = 50;

function KeyAttentionTable({ w, language }: PageProps) {
  const [page, setPage] = useState(1);
  // Paged on the server: the whole school's list can be tens of thousands of students.
  const load = useCallback(() => api.keyAttentionPage((page - 1) * KEY_ATTENTION_PAGE, KEY_ATTENTION_PAGE), [page]);
  const { data, error } = useLoad(load);
  if (error) return <Alert type="error" title={w.failed} />;
  return (
    <Table<MergedEntry>
      rowKey={(e, i) => e.student.studentNo ?? `unknown-${i}`}
      loading={!data}
      dataSource={data?.students ?? []}
      title={() => (data ? w.keyAttentionTotals(data.total, data.overdue) : null)}
      pagination={{ current: page, pageSize: KEY_ATTENTION_PAGE, total: data?.total ?? 0, showSizeChanger: false, hideOnSinglePage: true, onChange: setPage }}
      locale={{ emptyText: w.empty }}
      columns={[
        { title: w.studentNo, render: (_, e) => e.student.studentNo ?? '—' },
        { title: w.name, render: (_, e) => studentName(e.student, w) },
        { title: w.department, render: (_, e) => e.student.department ?? '—' },
        {
          title: w.className,
          render: (_, e) => (
            <Space size={4}>
              {e.student.className ?? '—'}
              {e.conflicts.length > 0 && (
                <Tooltip
                  title={e.conflicts
                    .map((c) => `${w[c.field]}：${c.values.map((v) => `${v.value ?? '—'}（${v.workstations.join('、')}）`).join('；')}`)
                    .join('\n')}
                >
                  <Tag color="orange">{w.conflict}</Tag>
                </Tooltip>
              )}
            </Space>
          ),
        },
        { title: w.level, render: (_, e) => <LevelTag level={e.level} language={language} /> },
        { title: w.nextReview, render: (_, e) => (e.overdue ? <Tag color="red">{`${e.nextReviewOn} · ${w.overdue}`}</Tag> : (e.nextReviewOn ?? '—')) },
        {
          title: w.heldBy,
          render: (_, e) => (
            <Space orientation="vertical" size={0}>
              {e.heldBy.map((h) => (
                <span key={h.workstationId}>
                  {workstationLabel(h)} · {levelLabel(h.level, language)} · {h.responsible ?? '—'}
                </span>
              ))}
            </Space>
          ),
        },
      ]}
    />
  );
}

function ReportsTable({
  w,
  language,
  load = api.reports,
  ownDepartment = false,
}: PageProps & { load?: () => Promise<{ reports: FiledReport[] }>; ownDepartment?: boolean }) {
  const { data, error } = useLoad(load);
  if (error) return <Alert type="error" title={w.failed} />;
  return (
    <Table<FiledReport>
      rowKey="id"
      loading={!data}
      dataSource={data?.reports ?? []}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText: w.empty }}
      columns={[
        { title: w.filedAt, render: (_, r) => new Date(r.filedAt).toLocaleString(language) },
        ...(ownDepartment ? [] : [{ title: w.department, dataIndex: 'department' }]),
        { title: w.studentNo, dataIndex: 'studentNo' },
        { title: w.name, render: (_, r) => r.student ?? w.unknownStudent },
        {
          title: w.report,
          render: (_, r) =>
            r.urgent ? (
              <Space>
                <Tag color="red">{w.urgentTag}</Tag>
                {r.content}
              </Space>
            ) : (
              r.content
            ),
        },
        { title: w.filedBy, dataIndex: 'filedBy' },
      ]}
    />
  );
}

function WorkstationTable({ w }: PageProps) {
  const { data, error } = useLoad(api.workstations);
  if (error) return <Alert type="error" title={w.failed} />;
  return (
    <Table<Workstation>
      rowKey="workstationId"
      loading={!data}
      dataSource={data?.workstations ?? []}
      pagination={false}
      locale={{ emptyText: w.empty }}
      columns={[
        { title: w.workstation, render: (_, x) => workstationLabel(x) },
        { title: w.lastExport, render: (_, x) => (x.lastAppliedAt ? new Date(x.lastAppliedAt).toLocaleString() : '—') },
        { title: w.daysSince, render: (_, x) => x.daysSinceLastExport ?? '—' },
        {
          title: w.gaps,
          render: (_, x) => {
            const gaps = x.profiles.flatMap((p) => p.gaps.map((g) => `${g.fromSeq}–${g.toSeq}`));
            return gaps.length ? gaps.join('，') : w.none;
          },
        },
        { title: w.status, render: (_, x) => (x.attention ? <Tag color="red">{w.needsAttention}</Tag> : <Tag color="green">{w.ok}</Tag>) },
      ]}
    />
  );
}

function StatisticsPanel({ w, language }: PageProps) {
  const year = new Date().getFullYear();
  const load = useCallback(() => api.statistics(year), [year]);
  const { data, error } = useLoad(load);
  if (error) return <Alert type="error" title={w.failed} />;
  if (!data) return <Card loading />;
  const rows = (list: { level: string; count: number | '<5' }[]) =>
    list.length === 0 ? w.empty : list.map((r) => `${levelLabel(r.level, language)}：${r.count}`).join('，');
  return (
    <Space orientation="vertical">
      <Flex gap={24}>
        <Statistic title={w.year} value={data.year} groupSeparator="" />
        <Statistic title={w.workstationsReporting} value={data.workstations} />
      </Flex>
      <Typography.Paragraph>
        {w.crisisByLevel}：{rows(data.crisisEventsByLevel)}
      </Typography.Paragraph>
      <Typography.Paragraph>
        {w.keyAttentionByLevel}：{rows(data.keyAttentionByLevel)}
      </Typography.Paragraph>
      <Flex gap={24} wrap>
        {(['casesOpened', 'studentsCounseled', 'sessions', 'referrals', 'censusListed', 'censusInterviewed'] as const).map((key) =>
          data[key] === undefined ? null : <Statistic key={key} title={w[key]} value={data[key]} />,
        )}
      </Flex>
      <Typography.Text type="secondary">{w.smallCell}</Typography.Text>
    </Space>
  );
}

function DepartmentView({ w, language }: PageProps) {
  const { data, error } = useLoad(api.department);
  // The message is kept by its word, not its text, so switching the language translates it too.
  const [message, setMessage] = useState<{ type: 'success' | 'error'; word: 'reported' | 'reportInvalid' | 'failed' } | null>(null);
  // Counts the reports filed on this page: the list below reloads after each.
  const [filed, setFiled] = useState(0);
  const [form] = Form.useForm<{ studentNo: string; content: string; urgent: boolean }>();
  const submit = async (values: { studentNo: string; content: string; urgent: boolean }) => {
    try {
      await api.fileReport({ studentNo: values.studentNo.trim(), content: values.content.trim(), urgent: values.urgent === true });
      setMessage({ type: 'success', word: 'reported' });
      form.resetFields();
      setFiled((n) => n + 1);
    } catch (e) {
      setMessage({ type: 'error', word: e instanceof ApiError && e.status === 400 ? 'reportInvalid' : 'failed' });
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Card title={w.ownStudents}>
        {error ? (
          <Alert type="error" title={w.failed} />
        ) : (
          <Table<DepartmentStudent>
            rowKey={(s, i) => s.student.studentNo ?? String(i)}
            loading={!data}
            dataSource={data?.students ?? []}
            pagination={false}
            locale={{ emptyText: w.empty }}
            columns={[
              { title: w.studentNo, render: (_, s) => s.student.studentNo ?? '—' },
              { title: w.name, render: (_, s) => studentName(s.student, w) },
              { title: w.className, render: (_, s) => s.student.className ?? '—' },
              { title: w.level, render: (_, s) => <LevelTag level={s.level} language={language} /> },
              { title: w.responsible, render: (_, s) => `${s.responsible ?? '—'}${(s.workstations ?? 1) > 1 ? w.onWorkstations(s.workstations!) : ''}` },
              { title: w.nextReview, render: (_, s) => (s.overdue ? <Tag color="red">{`${s.nextReviewOn} · ${w.overdue}`}</Tag> : (s.nextReviewOn ?? '—')) },
            ]}
          />
        )}
      </Card>
      <Card title={w.census}>
        <Table<DepartmentCensusStudent>
          rowKey={(s, i) => s.student.studentNo ?? String(i)}
          loading={!data}
          dataSource={data?.census ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: w.empty }}
          columns={[
            { title: w.studentNo, render: (_, s) => s.student.studentNo ?? '—' },
            { title: w.name, render: (_, s) => studentName(s.student, w) },
            { title: w.className, render: (_, s) => s.student.className ?? '—' },
            { title: w.listed, render: () => <Tag>{w.listed}</Tag> },
            {
              title: w.interviewed,
              render: (_, s) => (s.interviewed ? <Tag color="green">{w.interviewed}</Tag> : <Tag color="orange">{w.notInterviewed}</Tag>),
            },
          ]}
        />
      </Card>
      <Card title={w.fileReport}>
        {message && <Alert type={message.type} title={w[message.word]} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 560 }}>
          <Form.Item name="studentNo" label={w.studentNo} rules={[{ required: true, message: w.reportInvalid }]}>
            <Input maxLength={32} />
          </Form.Item>
          <Form.Item name="content" label={w.report} rules={[{ required: true, min: 2, message: w.reportInvalid }]}>
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
          <Form.Item name="urgent" valuePropName="checked">
            <Checkbox>{w.urgent}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {w.submit}
          </Button>
        </Form>
      </Card>
      <Card title={w.departmentReports}>
        <ReportsTable key={filed} w={w} language={language} load={api.departmentReports} ownDepartment />
      </Card>
    </Space>
  );
}

function SignIn({ w, onSignedIn }: { w: Words; onSignedIn: (me: Me) => void }) {
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: { username: string; password: string }) => {
    try {
      onSignedIn(await signIn(values.username, values.password));
    } catch (e) {
      setError(e instanceof ApiError && e.status === 429 ? w.throttled : e instanceof ApiError && e.status === 401 ? w.wrongPassword : w.failed);
    }
  };
  return (
    <Card title={w.title} style={{ maxWidth: 400, margin: '80px auto' }}>
      {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} />}
      <Form layout="vertical" onFinish={submit}>
        <Form.Item name="username" label={w.username} rules={[{ required: true }]}>
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={w.password} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block>
          {w.signIn}
        </Button>
      </Form>
    </Card>
  );
}

function Views({ me, w, language }: { me: Me } & PageProps) {
  const props = { w, language };
  if (me.role === 'liaison') return <DepartmentView {...props} />;
  if (me.role === 'leadership') return <StatisticsPanel {...props} />;
  const tabs: { key: string; label: string; children: ReactNode }[] = [
    { key: 'crisis', label: w.crisis, children: <CrisisTable {...props} /> },
    { key: 'keyattention', label: w.keyAttention, children: <KeyAttentionTable {...props} /> },
    { key: 'reports', label: w.reports, children: <ReportsTable {...props} /> },
    { key: 'statistics', label: w.statistics, children: <StatisticsPanel {...props} /> },
    { key: 'workstations', label: w.workstations, children: <WorkstationTable {...props} /> },
  ];
  return <Tabs items={tabs} destroyOnHidden />;
}

function Root() {
  const [language, setLanguage] = useState<Language>('zh-CN');
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const w = WORDS[language];
  useEffect(() => {
    void currentUser().then(setMe);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = w.title;
  }, [language, w]);
  return (
    <ConfigProvider locale={language === 'en' ? enUS : zhCN} button={{ autoInsertSpace: false }}>
      <AntApp>
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', background: '#fff' }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {me ? `${w.title} · ${w[me.role]}` : w.title}
            </Typography.Title>
            <Space>
              <Button type="link" onClick={() => setLanguage(language === 'en' ? 'zh-CN' : 'en')}>
                {w.language}
              </Button>
              {me && (
                <Button onClick={() => void signOut().finally(() => setMe(null))}>
                  {me.username} · {w.signOut}
                </Button>
              )}
            </Space>
          </Layout.Header>
          <Layout.Content style={{ padding: 24 }}>
            <main>{me === undefined ? null : me === null ? <SignIn w={w} onSignedIn={setMe} /> : <Views me={me} w={w} language={language} />}</main>
          </Layout.Content>
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
