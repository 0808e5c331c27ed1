import { FolderOpenOutlined } from '@ant-design/icons';
import { Button, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** The host's folder dialog, when it has one (the desktop app); the browser shell has none. */
export function folderPicker(): ((options: { title?: string; defaultPath?: string }) => Promise<string | null>) | null {
  const bridge = typeof window === 'undefined' ? undefined : window.counsel;
  return typeof bridge?.chooseFolder === 'function' ? bridge.chooseFolder.bind(bridge) : null;
}

/**
 * A folder as a typed path, with 选择文件夹… next to it where the host can open a folder dialog.
 * A form control: `value`/`onChange` come from Form.Item, `id` ties the label to the text field.
 */
export function FolderPathInput({
  id,
  value,
  onChange,
  disabled,
  dialogTitle,
  placeholder,
}: {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  disabled?: boolean;
  /** The dialog's title, e.g. the field's label. */
  dialogTitle?: string;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const choose = folderPicker();
  const pick = async () => {
    if (!choose) return;
    const folder = await choose({ title: dialogTitle, defaultPath: value?.trim() || undefined });
    if (folder) onChange?.(folder);
  };
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        id={id}
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        disabled={disabled}
        spellCheck={false}
        autoComplete="off"
        placeholder={placeholder}
      />
      {choose ? (
        <Button icon={<FolderOpenOutlined />} onClick={() => void pick()} disabled={disabled} data-testid="choose-folder">
          {t('backup.folderPicker.choose')}
        </Button>
      ) : null}
    </Space.Compact>
  );
}
