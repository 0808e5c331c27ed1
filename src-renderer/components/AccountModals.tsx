import { Flex, Form, Input, Select, Typography, type FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { departmentSchema, displayNameSchema, rolesSchema, usernameSchema, type Account } from '../../src-shared/contract';
import type { OpenWorkKind } from '../../src-shared/contract/followups';
import { CLINICAL, ROLES, type Role, takesSupervisor } from '../../src-shared/permissions';
import { call, CallError } from '../api/client';
import { useAction, type Action, type ActionOptions } from '../api/mutations';
import { useCallQuery } from '../api/queries';
import { errorMessage, schemaRule } from '../i18n/errors';
import { FormModal } from './FormModal';
import { WorkGroupTitle, WorkItemList } from './followups/work-items';
import { PasswordFields } from './PasswordFields';

/** Where each CONFLICT reason belongs in the account forms. */
const REASON_FIELD: Record<string, string> = {
  usernameTaken: 'username',
  lastAdmin: 'roles',
  accountSupervisorNotTrainee: 'supervisorId',
  accountSupervisorInvalid: 'supervisorId',
};

const HALF = { flex: '1 1 0', minWidth: 0 };

function useRoleOptions() {
  const { t } = useTranslation();
  return ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}

/** The form field a failure belongs to (a CONFLICT reason above), if any. */
function reasonField(failure: unknown): string | undefined {
  return failure instanceof CallError && failure.reason ? REASON_FIELD[failure.reason] : undefined;
}

/**
 * The shared options of the account dialogs' writes (useAction): contract issues go on their
 * fields, the CONFLICT reasons above on theirs; other errors above the form (`alertError`).
 * The account list refetches from store.changed.
 */
function accountFormOptions<V extends object>(form: FormInstance<V>, t: TFunction, onDone: (account: Account) => void): ActionOptions<V, Account> {
  return {
    form,
    onSuccess: (account) => onDone(account),
    onError: (failure) => {
      const field = reasonField(failure);
      if (field) form.setFields([{ name: field, errors: [errorMessage(failure, t)] }] as never);
    },
  };
}

/** The sentence above the form: none when the failure is already shown on its field. */
function alertError(action: Action<never, Account>): string | null {
  return reasonField(action.failure) ? null : action.error;
}

interface CreateValues {
  username: string;
  displayName: string;
  roles: Role[];
  department?: string;
  supervisorId?: string | null;
  password: string;
  passwordConfirm: string;
}

/** 督导 of a trainee: shown only while the trainee role is chosen; enabled supervisors to pick from. */
function SupervisorField({ accountId }: { accountId?: string }) {
  const { t } = useTranslation();
  const roles = Form.useWatch<Role[] | undefined>('roles');
  const accounts = useCallQuery('accounts.list', {});
  if (!roles || !takesSupervisor(roles)) return null;
  const options = (accounts.data ?? [])
    .filter((a) => !a.disabled && a.id !== accountId && a.roles.includes('supervisor'))
    .map((a) => ({ value: a.id, label: `${a.displayName}（${a.username}）` }));
  return (
    <Form.Item name="supervisorId" label={t('notes.accounts.supervisor')} extra={t('notes.accounts.supervisorHint')}>
      <Select allowClear options={options} optionFilterProp="label" showSearch loading={accounts.isPending} placeholder={t('notes.accounts.noSupervisor')} />
    </Form.Item>
  );
}

/** What the core takes for the supervisor: only a trainee keeps one. */
function supervisorOf(values: { roles: Role[]; supervisorId?: string | null }): string | null {
  return takesSupervisor(values.roles) ? (values.supervisorId ?? null) : null;
}

function DepartmentField() {
  const { t } = useTranslation();
  return (
    <Form.Item name="department" label={t('fields.department')} extra={t('hints.department')} rules={[schemaRule(departmentSchema, 'department', t, true)]}>
      <Input autoComplete="off" maxLength={100} />
    </Form.Item>
  );
}

export function CreateAccountModal({ onClose, onCreated }: { onClose: () => void; onCreated: (account: Account) => void }) {
  const { t } = useTranslation();
  const roleOptions = useRoleOptions();
  const [form] = Form.useForm<CreateValues>();
  const save = useAction(
    (v: CreateValues) =>
      call('accounts.create', {
        username: v.username,
        displayName: v.displayName,
        roles: v.roles,
        password: v.password,
        ...(v.department?.trim() ? { department: v.department.trim() } : {}),
        ...(supervisorOf(v) ? { supervisorId: supervisorOf(v) } : {}),
      }),
    accountFormOptions(form, t, onCreated),
  );
  return (
    <FormModal<CreateValues>
      title={t('accounts.createTitle')}
      okText={t('common.save')}
      form={form}
      onSubmit={save.run}
      onClose={onClose}
      pending={save.pending}
      error={alertError(save)}
      width={720}
      bodyStyle={{ paddingTop: 12 }}
      requiredMark
      initialValues={{ roles: [] }}
    >
      <Flex gap={16}>
        <Form.Item
          name="username"
          label={t('fields.username')}
          required
          extra={t('hints.username')}
          rules={[schemaRule(usernameSchema, 'username', t)]}
          style={HALF}
        >
          <Input autoComplete="off" spellCheck={false} autoFocus />
        </Form.Item>
        <Form.Item name="displayName" label={t('fields.displayName')} required rules={[schemaRule(displayNameSchema, 'displayName', t)]} style={HALF}>
          <Input autoComplete="off" />
        </Form.Item>
      </Flex>
      <Form.Item name="roles" label={t('fields.roles')} required rules={[schemaRule(rolesSchema, 'roles', t)]}>
        <Select mode="multiple" options={roleOptions} optionFilterProp="label" allowClear />
      </Form.Item>
      <DepartmentField />
      <SupervisorField />
      <PasswordFields label={t('accounts.initialPassword')} confirmLabel={t('accounts.initialPasswordConfirm')} row />
    </FormModal>
  );
}

interface EditValues {
  displayName: string;
  roles: Role[];
  department?: string;
  supervisorId?: string | null;
}

export function EditAccountModal({ account, onClose, onSaved }: { account: Account; onClose: () => void; onSaved: (account: Account) => void }) {
  const { t } = useTranslation();
  const roleOptions = useRoleOptions();
  const [form] = Form.useForm<EditValues>();
  const save = useAction(
    (v: EditValues) =>
      call('accounts.update', {
        accountId: account.id,
        displayName: v.displayName,
        roles: v.roles,
        department: v.department?.trim() || null,
        supervisorId: supervisorOf(v),
      }),
    accountFormOptions(form, t, onSaved),
  );
  return (
    <FormModal<EditValues>
      title={t('accounts.editTitle', { name: account.displayName })}
      okText={t('common.save')}
      form={form}
      onSubmit={save.run}
      onClose={onClose}
      pending={save.pending}
      error={alertError(save)}
      width={560}
      bodyStyle={{ paddingTop: 12 }}
      requiredMark
      initialValues={{
        displayName: account.displayName,
        roles: account.roles,
        department: account.department ?? '',
        supervisorId: account.supervisorId ?? undefined,
      }}
    >
      <Form.Item label={t('fields.username')}>
        <Typography.Text code>{account.username}</Typography.Text>
      </Form.Item>
      <Form.Item name="displayName" label={t('fields.displayName')} required rules={[schemaRule(displayNameSchema, 'displayName', t)]}>
        <Input autoComplete="off" autoFocus />
      </Form.Item>
      <Form.Item name="roles" label={t('fields.roles')} required rules={[schemaRule(rolesSchema, 'roles', t)]}>
        <Select mode="multiple" options={roleOptions} optionFilterProp="label" />
      </Form.Item>
      <DepartmentField />
      <SupervisorField accountId={account.id} />
    </FormModal>
  );
}

interface PasswordValues {
  password: string;
  passwordConfirm: string;
}

/**
 * A new temporary password. `enable` first enables the account (which has no key slot while
 * disabled) and then gives it the password; the person must change it at the next sign-in.
 */
export function TemporaryPasswordModal({
  account,
  mode,
  onClose,
  onSaved,
}: {
  account: Account;
  mode: 'reset' | 'enable';
  onClose: () => void;
  onSaved: (account: Account) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PasswordValues>();
  const save = useAction(
    async (v: PasswordValues) => {
      if (mode === 'enable' && account.disabled) await call('accounts.setDisabled', { accountId: account.id, disabled: false });
      return call('accounts.resetPassword', { accountId: account.id, newPassword: v.password });
    },
    accountFormOptions(form, t, onSaved),
  );
  return (
    <FormModal<PasswordValues>
      title={t(mode === 'enable' ? 'accounts.enableTitle' : 'accounts.resetTitle', { name: account.displayName })}
      okText={t(mode === 'enable' ? 'accounts.enable' : 'accounts.resetPassword')}
      form={form}
      onSubmit={save.run}
      onClose={onClose}
      pending={save.pending}
      error={alertError(save)}
      width={640}
      bodyStyle={{ paddingTop: 12 }}
      before={<Typography.Paragraph type="secondary">{t(mode === 'enable' ? 'accounts.enableIntro' : 'accounts.resetIntro')}</Typography.Paragraph>}
    >
      <PasswordFields label={t('accounts.tempPassword')} confirmLabel={t('accounts.tempPasswordConfirm')} autoFocus row />
    </FormModal>
  );
}

type Successors = Partial<Record<OpenWorkKind, string | undefined>>;

/** Kinds whose successor may also be a liaison (of the students' department; the core checks each item). */
const LIAISON_MAY_TAKE: readonly OpenWorkKind[] = ['tasks', 'crisisSteps'];

/**
 * 停用账号 (issue 14 item 10): the account's open work, by kind, with a successor to choose for
 * each; a kind left without one shows on the director's workbench as 无人负责 until someone takes it.
 */
export function DisableAccountModal({ account, onClose, onDisabled }: { account: Account; onClose: () => void; onDisabled: (account: Account) => void }) {
  const { t } = useTranslation();
  const work = useCallQuery('accounts.openWork', { accountId: account.id });
  const accounts = useCallQuery('accounts.list', {});
  const [form] = Form.useForm<Successors>();
  const save = useAction(
    (values: Successors) =>
      call('accounts.setDisabled', {
        accountId: account.id,
        disabled: true,
        successors: Object.fromEntries((work.data?.groups ?? []).map((g) => [g.kind, values[g.kind] ?? null])),
      }),
    accountFormOptions(form, t, onDisabled),
  );
  const candidates = (kind: OpenWorkKind) =>
    (accounts.data ?? [])
      .filter((a) => !a.disabled && a.id !== account.id)
      .filter((a) => a.roles.some((r) => (CLINICAL as readonly Role[]).includes(r)) || (LIAISON_MAY_TAKE.includes(kind) && a.roles.includes('liaison')))
      .map((a) => ({ value: a.id, label: `${a.displayName}（${a.roles.map((r) => t(`roles.${r}`)).join('、')}${a.department ? ` · ${a.department}` : ''}）` }));
  const groups = work.data?.groups ?? [];
  return (
    <FormModal<Successors>
      title={t('followups.handover.title', { name: account.displayName })}
      okText={groups.length ? t('followups.handover.confirm') : t('accounts.disable')}
      okDanger
      okDisabled={work.isPending || work.isError}
      form={form}
      onSubmit={save.run}
      onClose={onClose}
      pending={save.pending}
      error={alertError(save) ?? (work.isError ? errorMessage(work.error, t) : null)}
      width={760}
      bodyStyle={{ paddingTop: 12, maxHeight: '70vh', overflowY: 'auto' }}
      before={
        <>
          <Typography.Paragraph type="secondary">{t('followups.handover.keyWarning')}</Typography.Paragraph>
          {work.isPending ? <Typography.Paragraph>{t('followups.handover.loading')}</Typography.Paragraph> : null}
          {work.isSuccess && groups.length === 0 ? (
            <Typography.Paragraph data-testid="handover-none">{t('followups.handover.none')}</Typography.Paragraph>
          ) : null}
          {groups.length ? <Typography.Paragraph>{t('followups.handover.intro', { total: work.data?.total ?? 0 })}</Typography.Paragraph> : null}
        </>
      }
    >
      {groups.map((group) => (
        <div key={group.kind} data-testid={`handover-${group.kind}`} style={{ borderTop: '1px solid rgba(5,5,5,0.06)', paddingTop: 8, marginBottom: 8 }}>
          <WorkGroupTitle group={group} />
          <WorkItemList group={group} />
          <Form.Item
            name={group.kind}
            label={t('followups.handover.successor')}
            extra={group.kind === 'cases' ? t('followups.handover.casesNote') : undefined}
            style={{ marginTop: 8, marginBottom: 8 }}
          >
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              options={candidates(group.kind)}
              placeholder={t('followups.handover.noSuccessor')}
              aria-label={`${t('followups.handover.successor')} ${t(`followups.work.kinds.${group.kind}`)}`}
            />
          </Form.Item>
        </div>
      ))}
    </FormModal>
  );
}
