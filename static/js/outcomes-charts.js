// Outcomes dashboard: draws a bar chart above each breakdown's table with Chart.js, from the JSON the page carries
// (<script type="application/json" id="outcomes-chart-data">). Progressive enhancement: without JavaScript, or if
// Chart.js fails to load, the chart boxes stay hidden and the tables still hold every figure.
(function () {
  'use strict'

  var island = document.getElementById('outcomes-chart-data')
  if (!island || typeof window.Chart === 'undefined') {
    return
  }
  var data
  try {
    data = JSON.parse(island.textContent)
  } catch (error) {
    return
  }

  var Chart = window.Chart
  var locale = document.documentElement.lang || 'en-GB'
  var counts = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
  var pounds = new Intl.NumberFormat(locale, {
    style: 'currency', currency: 'GBP', notation: 'compact', maximumFractionDigits: 1
  })
  var tickText = data.money ? function (value) { return pounds.format(value) } : function (value) { return counts.format(value) }

  // GOV.UK type and colours: text #0b0c0c, bars GOV.UK blue, grid lines mid-grey.
  Chart.defaults.font.family = '"GDS Transport", arial, sans-serif'
  Chart.defaults.font.size = 16
  Chart.defaults.color = '#0b0c0c'

  var ROW_HEIGHT = 34
  var AXIS_HEIGHT = 70

  document.querySelectorAll('.zn-chart[data-chart]').forEach(function (box) {
    var chart = data.charts[box.getAttribute('data-chart')]
    var canvas = box.querySelector('canvas')
    if (!chart || !chart.labels.length || !canvas) {
      return
    }
    box.hidden = false
    // A horizontal bar per group: the chart grows with the number of groups (set through the CSSOM, which the
    // Content Security Policy allows, unlike style attributes).
    box.style.height = (chart.labels.length * ROW_HEIGHT + AXIS_HEIGHT) + 'px'
    // eslint-disable-next-line no-new
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: chart.labels,
        datasets: [{
          label: data.figureLabel,
          data: chart.values,
          backgroundColor: '#1d70b8',
          hoverBackgroundColor: '#003078',
          maxBarThickness: 26
        }]
      },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              // The same words as the table: "£186 million", "1,200", "Not reported".
              label: function (context) { return data.figureLabel + ': ' + chart.texts[context.dataIndex] }
            }
          }
        },
        scales: {
          x: {
            beginAtZero: true,
            ticks: { callback: tickText, precision: 0 },
            grid: { color: '#b1b4b6' },
            title: { display: true, text: data.figureLabel }
          },
          y: {
            ticks: { autoSkip: false },
            grid: { display: false }
          }
        }
      }
    })
  })
})()
