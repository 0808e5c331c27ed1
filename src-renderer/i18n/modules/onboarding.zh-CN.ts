/** The getting-started list on the workbench, and the shared glossary's help texts. */
export const onboardingZhCN = {
  gettingStarted: {
    title: '开始使用',
    intro: '第一周请完成以下几步。完成后会自动打勾，全部完成后本卡片不再显示。',
    dismiss: '不再显示',
    done: '已完成',
    open: '前往',
    steps: {
      roster: '导入学生花名册',
      accounts: '为中心老师创建账号',
      backupFolder: '设置备份文件夹',
      schoolServer: '连接学校服务器',
      crisisLines: '填写危机求助电话（学校值班电话、心理援助热线）',
    },
  },
};
