import {
  AlertOutlined,
  ClusterOutlined,
  AppstoreOutlined,
  SafetyOutlined,
  SaveOutlined,
  CloudUploadOutlined,
  BarChartOutlined,
  InboxOutlined,
  FileSearchOutlined,
  ScheduleOutlined,
  StarOutlined,
  ThunderboltOutlined,
  AuditOutlined,
  CalendarOutlined,
  DashboardOutlined,
  EyeOutlined,
  FlagOutlined,
  ReadOutlined,
  SolutionOutlined,
  HomeOutlined,
  FolderOpenOutlined,
  UsergroupAddOutlined,
  ExperimentOutlined,
  FundOutlined,
  IdcardOutlined,
  ImportOutlined,
  InfoCircleOutlined,
  KeyOutlined,
  LockOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Flex, Layout, Menu, Tooltip, Typography } from 'antd';
import { Suspense, useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { rolesGrant } from '../../src-shared/permissions';
import { useCallQuery } from '../api/queries';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { HeaderAlertCount } from '../components/HeaderAlertCount';
import { CriticalResultModal } from '../components/assessments/CriticalResultModal';
import { clearExitedAssessment, exitedAssessment } from '../components/assessments/criticalResultHandoff';
import { NAV_SECTIONS, NAVIGATION, SUBPAGES, navItemVisible } from '../navigation';
import { useHashLocation, type Route } from '../router';
import { useSession } from '../session';
// Every screen loads when its route first opens (lazyScreens.tsx); a new screen goes there.
import {
  About,
  Accounts,
  ChangePassword,
  Census,
  Instruments,
  RosterImport,
  Settings,
  StudentFile,
  Students,
  Workbench,
  CrisisBoard,
  CrisisEvent,
  KeyAttention,
  Tasks,
  Disclosures,
  PrintView,
  Triage,
  IntakeWizard,
  Cases,
  CaseView,
  Calendar,
  Groups,
  GroupView,
  Activities,
  Training,
  Courses,
  Network,
  FamilyContacts,
  CosignQueue,
  BreakGlassReview,
  Backup,
  SyncExport,
  Statistics,
  Archive,
  AuditLog,
  ScreenLoading,
} from './lazyScreens';
import { textOr } from '../i18n/keys';

/** Menu icons by route (a test checks every menu entry has its own). */
export const ICONS: Partial<Record<Route, ReactNode>> = {
  workbench: <DashboardOutlined />,
  students: <IdcardOutlined />,
  roster: <ImportOutlined />,
  census: <FundOutlined />,
  instruments: <ExperimentOutlined />,
  accounts: <TeamOutlined />,
  settings: <SettingOutlined />,
  password: <KeyOutlined />,
  about: <InfoCircleOutlined />,
  triage: <AlertOutlined />,
  cases: <FolderOpenOutlined />,
  calendar: <CalendarOutlined />,
  groups: <UsergroupAddOutlined />,
  activities: <FlagOutlined />,
  training: <SolutionOutlined />,
  courses: <ReadOutlined />,
  network: <ClusterOutlined />,
  cosign: <AuditOutlined />,
  breakglass: <EyeOutlined />,
  crisis: <ThunderboltOutlined />,
  keyattention: <StarOutlined />,
  family: <HomeOutlined />,
  tasks: <ScheduleOutlined />,
  disclosures: <SafetyOutlined />,
  audit: <FileSearchOutlined />,
  archive: <InboxOutlined />,
  statistics: <BarChartOutlined />,
  sync: <CloudUploadOutlined />,
  backup: <SaveOutlined />,
};

/**
 * The menu icon of a route; a route added without one gets a neutral icon so its label still
 * lines up with the others (new routes should add their own icon to ICONS).
 */
export function navIcon(route: Route): ReactNode {
  return ICONS[route] ?? <AppstoreOutlined />;
}

/** The main window: side menu (only what the roles may see), header, and the current page. */
export function MainLayout() {
  const { t } = useTranslation();
  const { session, lock } = useSession();
  const [{ route, param }, navigate] = useHashLocation();
  const settings = useCallQuery('settings.get', {});
  const visible = NAVIGATION.filter((item) => navItemVisible(session.roles, item));
  const sub = SUBPAGES[route];
  const allowed = visible.some((item) => item.route === route) || (sub !== undefined && param !== null && rolesGrant(session.roles, sub.permission));
  const current: Route = allowed ? route : 'workbench';
  const menuKey: Route = sub && current === route ? sub.parent : current;
  const schoolName = settings.data?.schoolName ?? '';
  const canSeeAlerts = rolesGrant(session.roles, 'alerts.read');
  // The form a student just handed back (student mode ended): its critical result first.
  const [criticalResultOf, setCriticalResultOf] = useState(exitedAssessment);
  const criticalResultDone = useCallback(() => {
    if (criticalResultOf) clearExitedAssessment(criticalResultOf);
    setCriticalResultOf(null);
  }, [criticalResultOf]);

  useEffect(() => {
    document.title = schoolName ? `${schoolName} · ${t('app.title')}` : t('app.title');
  }, [schoolName, t]);

  const page: Record<Route, ReactNode> = {
    workbench: <Workbench onNavigate={navigate} />,
    students: <Students onNavigate={navigate} />,
    student: param ? <StudentFile key={param} studentId={param} onNavigate={navigate} /> : null,
    triage: <Triage onNavigate={navigate} />,
    intake: param ? <IntakeWizard key={param} param={param} onNavigate={navigate} /> : null,
    cases: <Cases onNavigate={navigate} />,
    case: param ? <CaseView key={param} param={param} onNavigate={navigate} /> : null,
    calendar: <Calendar onNavigate={navigate} />,
    groups: <Groups onNavigate={navigate} />,
    group: param ? <GroupView key={param} param={param} onNavigate={navigate} /> : null,
    activities: <Activities onNavigate={navigate} />,
    training: <Training onNavigate={navigate} />,
    courses: <Courses />,
    network: <Network />,
    cosign: <CosignQueue onNavigate={navigate} />,
    breakglass: <BreakGlassReview onNavigate={navigate} />,
    crisis: <CrisisBoard onNavigate={navigate} />,
    crisisEvent: param ? <CrisisEvent key={param} param={param} onNavigate={navigate} /> : null,
    keyattention: <KeyAttention onNavigate={navigate} />,
    family: <FamilyContacts onNavigate={navigate} />,
    tasks: <Tasks onNavigate={navigate} />,
    disclosures: <Disclosures onNavigate={navigate} />,
    print: param ? <PrintView key={param} param={param} /> : null,
    roster: <RosterImport onNavigate={navigate} />,
    census: <Census batchId={param} onNavigate={navigate} />,
    instruments: <Instruments />,
    accounts: <Accounts />,
    settings: <Settings />,
    password: <ChangePassword />,
    audit: <AuditLog onNavigate={navigate} />,
    archive: <Archive onNavigate={navigate} />,
    statistics: <Statistics onNavigate={navigate} />,
    sync: <SyncExport onNavigate={navigate} />,
    backup: <Backup onNavigate={navigate} />,
    about: <About />,
  };

  return (
    <Layout className="main-layout">
      <Layout.Sider width={208} className="main-sider">
        <div className="brand">{t('app.title')}</div>
        <nav aria-label={t('app.title')}>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[menuKey]}
            items={NAV_SECTIONS.flatMap((section) => {
              const items = visible.filter((item) => item.section === section);
              if (items.length === 0) return [];
              return [
                {
                  type: 'group' as const,
                  key: `section-${section}`,
                  label: t(`navSections.${section}`),
                  children: items.map((item) => ({ key: item.route, icon: navIcon(item.route), label: textOr(`nav.${item.route}`, item.route, t) })),
                },
              ];
            })}
            onClick={({ key }) => navigate(key as Route)}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="main-header">
          <Typography.Text strong ellipsis className="main-school" data-testid="school-name">
            {schoolName}
          </Typography.Text>
          <Flex align="center" gap={16} className="main-header-tools">
            {canSeeAlerts ? <HeaderAlertCount onNavigate={navigate} route={current} /> : null}
            <span className="main-user">
              <UserOutlined /> {session.displayName}
            </span>
            <LanguageSwitch />
            <Tooltip title={t('header.lockTooltip')}>
              <Button icon={<LockOutlined />} onClick={() => void lock()}>
                {t('header.lock')} <kbd className="kbd">{t('header.lockShortcut')}</kbd>
              </Button>
            </Tooltip>
          </Flex>
        </Layout.Header>
        {/* antd's Content is the page's one <main> element. */}
        <Layout.Content className="main-content">
          <Suspense fallback={<ScreenLoading />}>{page[current]}</Suspense>
        </Layout.Content>
        {criticalResultOf ? <CriticalResultModal assessmentId={criticalResultOf} onDone={criticalResultDone} onNavigate={navigate} /> : null}
      </Layout>
    </Layout>
  );
}
