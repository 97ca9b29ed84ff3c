// One ECharts chart per metric: the yearly figures as bars (red when below the yearly target)
// and the target as a dashed line. Clicking a bar opens the counted items of that year.
(function () {
  'use strict';
  if (!window.echarts) { return; }
  var charts = [];
  var lang = document.documentElement.lang || 'fr';
  var number = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  var format = function (v) { return v === null || v === undefined || v === '-' ? '' : number.format(v); };
  document.querySelectorAll('.chart[data-chart]').forEach(function (el) {
    var d = JSON.parse(el.getAttribute('data-chart'));
    var chart = echarts.init(el, null, { renderer: 'svg' });
    var hasTarget = d.targets.some(function (t) { return t !== null; });
    var top = Math.max.apply(null, d.values.concat(d.targets).map(function (x) { return x === null ? 0 : Number(x); }));
    var series = [{
      name: d.unit ? d.valueLabel + ' (' + d.unit + ')' : d.valueLabel,
      type: 'bar',
      barMaxWidth: 48,
      itemStyle: { color: '#1f6fb2' },
      data: d.values.map(function (v, i) {
        var item = { value: Number(v), itemStyle: { color: d.shortfall[i] ? '#c0392b' : '#1f6fb2' } };
        // a tall bar carries its figure inside, where the dashed target line cannot run across it
        if (top > 0 && Number(v) / top >= 0.25) { item.label = { position: 'insideTop', color: '#fff' }; }
        return item;
      }),
      label: {
        show: true, position: 'top', color: '#222', fontWeight: 600,
        formatter: function (p) { return format(p.value) + (d.shortfall[p.dataIndex] ? ' ⚠' : ''); }
      }
    }];
    if (hasTarget) {
      series.push({
        name: d.targetLabel,
        type: 'line',
        step: 'middle',
        symbol: 'none',
        lineStyle: { type: 'dashed', width: 2, color: '#b35900' },
        itemStyle: { color: '#b35900' },
        data: d.targets.map(function (t) { return t === null ? null : Math.round(Number(t) * 100) / 100; })
      });
    }
    chart.setOption({
      animation: false,
      grid: { left: 44, right: 16, top: 36, bottom: 28 },
      legend: { top: 0, data: series.map(function (s) { return s.name; }) },
      tooltip: { trigger: 'axis', valueFormatter: format },
      xAxis: { type: 'category', data: d.years.map(String) },
      yAxis: { type: 'value', minInterval: d.decimals ? 0 : 1, axisLabel: { formatter: format } },
      series: series
    });
    chart.on('click', function (p) {
      if (p.seriesType === 'bar') { window.location.href = d.evidenceUrl + d.years[p.dataIndex]; }
    });
    el.setAttribute('data-rendered', 'true');
    charts.push(chart);
  });
  var resize = function () { charts.forEach(function (c) { c.resize(); }); };
  window.addEventListener('resize', resize);
  window.addEventListener('beforeprint', resize);
  window.addEventListener('afterprint', resize);
  // printing to PDF switches the media without a beforeprint event everywhere
  if (window.matchMedia) {
    var print = window.matchMedia('print');
    if (print.addEventListener) { print.addEventListener('change', resize); }
  }
})();
